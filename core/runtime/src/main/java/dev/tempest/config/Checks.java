package dev.tempest.config;

import java.util.regex.Pattern;

/** The rules that records check once bound; each failure names the field's path. */
final class Checks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** A backend id, then what the backend needs to find the device, colon-separated: opencl:0:1. */
    private static final Pattern DEVICE = Pattern.compile("[a-z0-9][a-z0-9-]*(:[A-Za-z0-9._-]+)*");

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

    static void nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidFieldException(field, "must be 0 or more, got " + value);
        }
    }

    /** A finite number above zero: rates, norms. NaN and infinity pass YAML ({@code .nan}, {@code .inf}) but no training. */
    static void positive(String field, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new InvalidFieldException(field, "must be a finite number above 0, got " + value);
        }
    }

    static void nonNegative(String field, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new InvalidFieldException(field, "must be a finite number, 0 or more, got " + value);
        }
    }

    /** A count that at most {@code limit} may take, where more would exhaust the machine rather than help. */
    static void atMost(String field, long value, long limit, String why) {
        if (value > limit) {
            throw new InvalidFieldException(field, "must be at most " + limit + " (" + why + "), got " + value);
        }
    }

    /** A share strictly between 0 and 1, such as the part of the data held out. */
    static void share(String field, double value) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidFieldException(field, "must be between 0 and 1, got " + value);
        }
    }

    /** A weight from 0 to 1, both included, such as a discount. */
    static void unitInterval(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidFieldException(field, "must be from 0 to 1, got " + value);
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

    /** Device specs: {@code cpu}, {@code opencl}, {@code opencl:0:1}; whether the device exists is the backend's to say. */
    static void device(String field, String spec) {
        if (!DEVICE.matcher(spec).matches()) {
            throw new InvalidFieldException(field, "'" + spec
                    + "' is not a device spec; write a backend id, then its device, such as cpu, opencl or opencl:0:1");
        }
    }
}
