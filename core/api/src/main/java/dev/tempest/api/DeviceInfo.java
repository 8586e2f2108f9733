package dev.tempest.api;

import java.util.Objects;

/**
 * A device a backend can run on. {@code spec} names it uniquely: the backend id, then what the
 * backend needs to find it ({@code cpu}, {@code opencl:0:1}); {@code type} is CPU, GPU or ACCELERATOR.
 */
public record DeviceInfo(String spec, String name, String type, long memoryBytes, int computeUnits) {

    public DeviceInfo {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
