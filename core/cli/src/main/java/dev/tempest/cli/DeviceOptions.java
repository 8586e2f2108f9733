package dev.tempest.cli;

import dev.tempest.accelerator.Backend;
import dev.tempest.plugin.Devices;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import picocli.CommandLine.Option;

/** {@code --device} and {@code --threads}, for the commands that run a model. */
final class DeviceOptions {

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "SPEC",
            description = "Where to run: cpu, opencl, opencl:P:D, or a plugin backend's (see tempest devices). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "cpu threads. Default: every core.")
    Integer threads;

    /** The device, opened. */
    Backend open(PluginHost plugins) throws PluginException {
        return Devices.factory(plugins, device).open(device, threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }
}
