package dev.tempest.api;

import java.util.Objects;

/**
 * One fact about this machine that an extension depends on, as {@code tempest doctor} shows it:
 * {@code name} is the tool or resource ({@code bubblewrap}, {@code node}, {@code opencl loader}),
 * {@code detail} what was found (a version, a path, a count) or what went wrong, and {@code fix}
 * the one line that makes a failed check pass (a package to install, a setting), blank when
 * {@code ok}.
 */
public record SystemCheck(String name, boolean ok, String detail, String fix) {

    public SystemCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
        if (!ok && fix.isBlank()) {
            throw new IllegalArgumentException("failed check " + name + " needs a fix");
        }
    }

    public static SystemCheck passed(String name, String detail) {
        return new SystemCheck(name, true, detail, "");
    }

    public static SystemCheck failed(String name, String detail, String fix) {
        return new SystemCheck(name, false, detail, fix);
    }
}
