package dev.tempest.api;

import java.util.List;

/**
 * Offers an accelerator backend ({@code cpu}, {@code opencl}, {@code tornadovm}) and the
 * devices it can use on this machine. {@link #id()} is the backend's name, the part of a
 * device spec before the first colon.
 */
public interface BackendProvider extends TempestExtension {

    /**
     * The devices this backend finds now; empty (not an exception) when it finds none, for
     * example when no OpenCL platform is installed. {@link #unavailableReason()} then says why.
     */
    List<DeviceInfo> devices();

    /** Why {@link #devices()} is empty, for {@code tempest devices}; empty when it is not. */
    default String unavailableReason() {
        return "";
    }
}
