package dev.tempest.cli;

/** What {@code tempest} exits with, so that scripts can tell failures apart. */
final class ExitCodes {

    static final int OK = 0;
    /** A fault in Tempest itself; the stack trace is printed. */
    static final int INTERNAL_ERROR = 1;
    /** Unknown command or option, or a missing argument. */
    static final int USAGE = 2;
    /** A configuration file that cannot be used. */
    static final int BAD_CONFIG = 3;
    /** A plugin that did not load, or an extension that no plugin provides. */
    static final int PLUGIN_FAILURE = 4;
    /** A run that started and could not finish. */
    static final int RUN_FAILURE = 5;
    /** {@code tempest doctor} found a check that failed. */
    static final int CHECK_FAILED = 6;

    private ExitCodes() {
    }
}
