package dev.tempest.pipeline;

/** A run that started and could not finish: bad data, a failed stage, a folder it cannot write. */
public final class RunException extends Exception {

    public RunException(String message) {
        super(message);
    }

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
