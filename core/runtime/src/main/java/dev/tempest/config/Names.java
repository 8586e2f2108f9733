package dev.tempest.config;

import java.util.regex.Pattern;

/** The rule for names that become folder and file names: runs and stages. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    static void check(String field, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + ": '" + name
                    + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
