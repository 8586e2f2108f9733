package dev.tempest.random;

/**
 * A random stream defined by one 64-bit state (SplitMix64), so a run that saves the state
 * resumes the exact same stream, and the same seed gives the same numbers on every machine.
 */
public final class SeededRandom {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * The stream of consumer {@code index} of many that share one seed (the sequences of a batch):
     * seeded with number {@code index + 1} of the stream seeded with {@code seed}, computed without
     * drawing the ones before. Any one consumer's stream is thus fixed by the seed and its index
     * alone, and streams of different seeds or indices do not overlap in practice.
     */
    public static SeededRandom stream(long seed, long index) {
        return new SeededRandom(new SeededRandom(seed + index * GAMMA).nextLong());
    }

    /** The whole state; {@code new SeededRandom(state())} continues this stream exactly. */
    public long state() {
        return state;
    }

    /** Continues the stream whose {@link #state()} was {@code state}. */
    public void restore(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) ((nextDouble()) * bound);
    }

    /** Standard normal, by Box-Muller (two uniforms per draw, none cached, so the state stays one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@code count} draws from N(0, std^2), in order, as floats: a weight's initial values. */
    public float[] normal(int count, double std) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (std * nextGaussian());
        }
        return values;
    }

    /** 0..n-1 in an order drawn from this stream (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }
}
