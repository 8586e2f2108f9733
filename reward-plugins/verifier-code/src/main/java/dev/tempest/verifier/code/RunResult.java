package dev.tempest.verifier.code;

/**
 * How one program run ended: its exit code (128 + n when killed by signal n, as bwrap and the
 * shells report it) and its stdout and stderr, interleaved, up to the output limit.
 */
record RunResult(Ending ending, int exitCode, String output) {

    enum Ending {
        /** The program ended by itself, or was killed by one of its rlimits. */
        EXITED,
        /** It ran past its wall-clock timeout and was killed. */
        TIMED_OUT,
        /** It wrote more than the output limit and was killed. */
        OUTPUT_LIMIT
    }
}
