package dev.tempest.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** What every Tempest extension has: an id that run configurations use to name it. */
public interface TempestExtension extends ExtensionPoint {

    /**
     * The id a run configuration names this extension by, unique among extensions of the same
     * kind: lower case letters, digits and dashes, for example {@code jsonl} or {@code math}.
     */
    String id();

    /** One line for {@code tempest plugins}; empty by default. */
    default String description() {
        return "";
    }

    /**
     * What this extension needs of the machine, checked now, for {@code tempest doctor}: the
     * system libraries, tools and devices it uses, each passed with what was found (a version,
     * a device) or failed with the fix. An extension that needs nothing outside the JVM keeps the
     * default, none. Checks run on the caller's thread and should take a few seconds at most;
     * an exception thrown here is shown as one failed check naming the extension.
     */
    default List<SystemCheck> systemChecks() {
        return List.of();
    }
}
