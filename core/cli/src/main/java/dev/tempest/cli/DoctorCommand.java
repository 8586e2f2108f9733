package dev.tempest.cli;

import dev.tempest.api.SystemCheck;
import dev.tempest.api.TempestExtension;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest doctor}: what this machine has of what Tempest and its plugins need, and how to fix what it lacks. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks this machine for what Tempest and its plugins need (the JVM and its heap, the OpenCL "
                + "loader and devices, bubblewrap, the code verifier's interpreters) and prints the fix for each "
                + "check that fails. Exits with " + ExitCodes.CHECK_FAILED + " if any fails.")
final class DoctorCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws PluginException {
        List<SystemCheck> checks = new ArrayList<>(MachineChecks.here());
        try (PluginHost plugins = Tempest.openPlugins(spec)) {
            for (TempestExtension extension : plugins.extensions(TempestExtension.class)) {
                checks.addAll(checksOf(extension));
            }
        }
        return DoctorReport.print(checks, spec.commandLine().getOut());
    }

    /** The extension's checks; one failed check naming it if asking throws, so one faulty plugin spoils nothing else. */
    private static List<SystemCheck> checksOf(TempestExtension extension) {
        try {
            return List.copyOf(extension.systemChecks());
        } catch (RuntimeException | LinkageError e) {
            String name = extension.getClass().getName();
            return List.of(SystemCheck.failed(extension.id(), name + ".systemChecks() failed: " + e,
                    "a fault in " + name + ": report it to the plugin's author"));
        }
    }
}
