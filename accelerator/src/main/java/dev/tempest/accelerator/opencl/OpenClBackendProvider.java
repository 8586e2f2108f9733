package dev.tempest.accelerator.opencl;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendFactory;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DeviceInfo;
import dev.tempest.api.SystemCheck;
import java.util.List;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * The OpenCL backend, on any OpenCL 1.2 device: {@code opencl:P:D} names device D of platform
 * P; plain {@code opencl} takes the first GPU, else the first device.
 */
@Extension
public final class OpenClBackendProvider implements BackendFactory {

    private static final String DEVICES_CHECK = "opencl devices";
    private static final String DRIVER_FIX = "install an OpenCL driver: your GPU vendor's ICD, or PoCL for the CPU"
            + " (apt-get install pocl-opencl-icd); clinfo -l lists what the loader finds";

    @Override
    public String id() {
        return "opencl";
    }

    @Override
    public String description() {
        return "any OpenCL 1.2 device, through the OpenCL ICD loader";
    }

    @Override
    public List<DeviceInfo> devices() {
        try {
            return OpenClDevices.find().stream().map(OpenClDevices.Found::info).toList();
        } catch (DeviceException e) {
            return List.of();
        }
    }

    @Override
    public String unavailableReason() {
        try {
            OpenClDevices.find();
            return "";
        } catch (DeviceException e) {
            return e.getMessage();
        }
    }

    /** The loader (libOpenCL.so) and, once it loads, the devices of every platform. */
    @Override
    public List<SystemCheck> systemChecks() {
        SystemCheck loader = OpenClLoader.check();
        if (!loader.ok()) {
            return List.of(loader);
        }
        List<DeviceInfo> devices = devices();
        SystemCheck found = devices.isEmpty()
                ? SystemCheck.failed(DEVICES_CHECK, unavailableReason(), DRIVER_FIX)
                : SystemCheck.passed(DEVICES_CHECK, devices.stream()
                        .map(device -> device.spec() + " " + device.type() + " " + device.name())
                        .collect(Collectors.joining("; ")));
        return List.of(loader, found);
    }

    @Override
    public Backend open(String spec, int threads) {
        List<OpenClDevices.Found> found = OpenClDevices.find();
        OpenClDevices.Found chosen = spec.equals(id()) ? preferred(found) : found.stream()
                .filter(device -> device.info().spec().equals(spec))
                .findFirst()
                .orElseThrow(() -> new DeviceException("no OpenCL device " + spec + "; there are "
                        + found.stream().map(device -> device.info().spec()).toList() + " (see tempest devices)"));
        ClDevice device = ClDevice.of(chosen);
        return new OpenClBackend(device, device.gpu);
    }

    private static OpenClDevices.Found preferred(List<OpenClDevices.Found> found) {
        return found.stream().filter(device -> device.info().type().equals("GPU")).findFirst().orElse(found.get(0));
    }
}
