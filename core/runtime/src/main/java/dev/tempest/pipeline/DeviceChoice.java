package dev.tempest.pipeline;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendFactory;
import dev.tempest.accelerator.DeviceException;
import java.io.PrintWriter;

/** The device a stage trains on: its spec, and the factory that opens it. */
record DeviceChoice(String spec, BackendFactory factory) {

    /**
     * Opens the device and says which it is on the console.
     *
     * @throws DeviceException when the device cannot be opened
     */
    Backend open(int threads, PrintWriter console) {
        Backend backend = factory.open(spec, threads);
        console.println("  device " + backend.name());
        return backend;
    }
}
