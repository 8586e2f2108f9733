package dev.tempest.plugin;

import java.nio.file.Path;
import java.util.List;

/** A loaded plugin and what it provides. {@code state} is PF4J's: STARTED, DISABLED, FAILED. */
public record PluginSummary(String id, String version, String state, Path jar, List<ExtensionSummary> extensions) {

    public PluginSummary {
        extensions = List.copyOf(extensions);
    }
}
