package dev.tempest.api;

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
}
