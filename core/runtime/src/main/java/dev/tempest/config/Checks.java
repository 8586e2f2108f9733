package dev.tempest.config;

import java.util.regex.Pattern;

/** The rules that records check once bound; each failure names the field's path. */
final class Checks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Checks() {
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidFieldException(field, "required, but missing");
        }
    }

    static void positive(String field, int value) {
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be at least 1, got " + value);
        }
    }

    /** Names become folder and file names: runs and stages. */
    static void name(String field, String name) {
        required(field, name);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException(field, "'" + name
                    + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
