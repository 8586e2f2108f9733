package dev.tempest.verifier.code;

/** How a {@link CodeVerifier} turns the tests passed into a score. */
public enum Scoring {
    /** passed / total: partial credit for a partly right solution. */
    FRACTION,
    /** 1 if every test passes, else 0. */
    ALL_OR_NOTHING
}
