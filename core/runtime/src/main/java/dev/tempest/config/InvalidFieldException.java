package dev.tempest.config;

/**
 * A value that binds but breaks a rule: of its record, or of the extension it configures.
 * {@code field} is its path in the file, or below the record that throws it.
 */
public final class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
