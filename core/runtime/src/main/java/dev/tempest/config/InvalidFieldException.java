package dev.tempest.config;

/** A value that binds but breaks a rule of its record; {@code field} is its path in the file. */
final class InvalidFieldException extends RuntimeException {

    private final String field;

    InvalidFieldException(String field, String problem) {
        super(problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
