package dev.tempest.verifier.math;

/**
 * The work one verification may spend reading and evaluating expressions, counted rather than
 * timed so that a verdict never depends on how loaded the machine is. Reading costs a unit a
 * character; an exact operation costs the square of its result's size in 64-bit words, which is
 * what the gcd that reduces every fraction costs BigInteger; a double operation a few units. A
 * call that runs out, or whose thread is interrupted (the framework's deadline), stops with
 * {@link Exhausted}, and the answer counts as wrong.
 */
final class WorkBudget {

    /**
     * Tens of milliseconds at most, measured on the adversarial cases of the tests (sets of 64
     * expressions, fractions at the exact size limit); a typical answer uses a few thousand units.
     */
    static final long DEFAULT_UNITS = 100_000;

    /** Thrown, without a stack trace, when the budget is spent or the thread is interrupted. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("verification work budget spent", null, false, false);
        }
    }

    private long remaining;

    WorkBudget(long units) {
        this.remaining = units;
    }

    /** For an operation on two values: a product, a quotient, a sum (which multiplies denominators). */
    void charge(MathValue left, MathValue right) {
        chargeResult((long) left.bitLength() + right.bitLength());
    }

    /** For an operation whose exact result has about {@code resultBits} bits (past the exact limit it is a double). */
    void chargeResult(long resultBits) {
        long words = words(Math.min(resultBits, MathValue.MAX_EXACT_BITS));
        spend(words * words);
    }

    void spend(long units) {
        remaining -= units;
        if (remaining < 0 || Thread.currentThread().isInterrupted()) {
            throw new Exhausted();
        }
    }

    private static long words(long bits) {
        return bits / 64 + 1;
    }
}
