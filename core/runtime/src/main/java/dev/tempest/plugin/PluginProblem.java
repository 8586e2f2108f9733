package dev.tempest.plugin;

import java.nio.file.Path;

/** A plugin jar that did not load, and why: one line for the user. */
public record PluginProblem(Path jar, String reason) {

    @Override
    public String toString() {
        return jar + ": " + reason + "; plugin not loaded";
    }
}
