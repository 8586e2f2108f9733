package dev.tempest.accelerator;

import dev.tempest.api.BackendProvider;

/**
 * A {@link BackendProvider} that can also open its backend. The runtime finds the factory
 * whose {@link #id()} starts a device spec ({@code cpu}, {@code opencl:0:1},
 * {@code tornadovm:0:0}) and asks it to open that device; a plugin offers a backend by
 * implementing this as a PF4J extension.
 */
public interface BackendFactory extends BackendProvider {

    /**
     * Opens the backend on the device {@code spec} names: one that {@link #devices()} lists, or
     * the bare id for this backend's default device. {@code threads} bounds the host threads
     * a backend may use; device backends may ignore it.
     *
     * @throws DeviceException when the spec names no device here or the device cannot be opened
     */
    Backend open(String spec, int threads) throws DeviceException;
}
