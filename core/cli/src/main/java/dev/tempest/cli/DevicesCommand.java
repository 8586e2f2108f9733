package dev.tempest.cli;

import dev.tempest.api.BackendProvider;
import dev.tempest.api.DeviceInfo;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest devices}: every backend and the devices it can run on here. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Lists the compute backends and the devices each can run on here.")
final class DevicesCommand implements Callable<Integer> {

    private static final String ROW = "%-16s %-12s %10s %6s  %s%n";

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws PluginException {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginHost plugins = Tempest.openPlugins(spec)) {
            out.printf(ROW, "SPEC", "TYPE", "MEMORY", "UNITS", "NAME");
            for (BackendProvider backend : plugins.extensions(BackendProvider.class)) {
                if (backend.devices().isEmpty()) {
                    out.printf("%-16s (no devices: %s)%n", backend.id(), backend.unavailableReason());
                }
                for (DeviceInfo device : backend.devices()) {
                    out.printf(ROW, device.spec(), device.type(), gibibytes(device.memoryBytes()),
                            device.computeUnits(), device.name());
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String gibibytes(long bytes) {
        return String.format("%.1f GiB", bytes / (double) (1L << 30));
    }
}
