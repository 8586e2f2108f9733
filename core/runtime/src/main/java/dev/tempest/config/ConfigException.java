package dev.tempest.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, with the place to fix it:
 * {@code pipeline.yaml:14:5: stages[1].dataset.loder: unknown key; did you mean 'loader'?}
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final int line;   // 1-based; 0 when unknown
    private final int column; // 1-based; 0 when unknown
    private final String field;

    public ConfigException(Path file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The field path, like {@code stages[1].dataset.path}; empty for the whole file. */
    public String field() {
        return field;
    }

    private static String format(Path file, int line, int column, String field, String problem) {
        StringBuilder text = new StringBuilder().append(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(problem).toString();
    }
}
