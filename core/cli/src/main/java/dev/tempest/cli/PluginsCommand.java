package dev.tempest.cli;

import dev.tempest.plugin.ExtensionSummary;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.plugin.PluginSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest plugins}: what is installed, and what each plugin provides. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists the plugins (id, version, state) and the extensions they provide. "
                + "Exits with 4 if any plugin jar failed to load.")
final class PluginsCommand implements Callable<Integer> {

    private static final String ROW = "%-20s %-10s %-9s %s%n";

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws PluginException {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost plugins = Tempest.openPlugins(spec)) {
            out.printf(ROW, "PLUGIN", "VERSION", "STATE", "EXTENSIONS");
            for (PluginSummary plugin : plugins.plugins()) {
                out.printf(ROW, plugin.id(), plugin.version(), plugin.state(), describe(plugin.extensions()));
            }
            out.printf(ROW, "(built in)", "", "", describe(plugins.builtIn()));
            out.flush();
            return plugins.problems().isEmpty() ? ExitCodes.OK : ExitCodes.PLUGIN_FAILURE;
        }
    }

    /** {@code DatasetLoader jsonl, Verifier math}; a broken one as its class and the reason. */
    private static String describe(List<ExtensionSummary> extensions) {
        if (extensions.isEmpty()) {
            return "-";
        }
        return String.join(", ", extensions.stream()
                .map(e -> e.error().isEmpty() ? e.kind() + " " + e.id() : e.type() + " (" + e.error() + ")")
                .toList());
    }
}
