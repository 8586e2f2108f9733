package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DeviceInfo;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * The devices TornadoVM's runtime finds, named tornadovm:(backend index):(device index) as
 * {@code tornado --devices} numbers them. Only this class and the backend touch TornadoVM's
 * classes, so the factory loads where TornadoVM is absent.
 */
final class TornadoDevices {

    static final String ID = "tornadovm";

    private TornadoDevices() {
    }

    static List<DeviceInfo> list() {
        TornadoRuntime runtime = runtime();
        List<DeviceInfo> devices = new ArrayList<>();
        for (int b = 0; b < runtime.getNumBackends(); b++) {
            var backend = runtime.getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice device = backend.getDevice(d);
                devices.add(new DeviceInfo(ID + ":" + b + ":" + d, device.getPhysicalDevice().getDeviceName(),
                        type(device), device.getMaxGlobalMemory(), device.getPhysicalDevice().getDeviceMaxComputeUnits()));
            }
        }
        return devices;
    }

    /** The device a spec names; the bare id names the first device of the first backend. */
    static TornadoDevice find(String spec) {
        String full = spec.equals(ID) ? ID + ":0:0" : spec;
        String[] parts = full.split(":");
        TornadoRuntime runtime = runtime();
        try {
            if (parts.length != 3 || !parts[0].equals(ID)) {
                throw new NumberFormatException();
            }
            int b = Integer.parseInt(parts[1]);
            int d = Integer.parseInt(parts[2]);
            if (b < runtime.getNumBackends() && d < runtime.getBackend(b).getNumDevices()) {
                return runtime.getBackend(b).getDevice(d);
            }
        } catch (NumberFormatException e) {
            throw new DeviceException("bad device spec " + spec + ": expected tornadovm:<backend>:<device>, for example tornadovm:0:0");
        }
        throw new DeviceException("no TornadoVM device " + spec + "; there are "
                + list().stream().map(DeviceInfo::spec).toList() + " (see tempest devices)");
    }

    /**
     * TornadoVM's runtime, with bailouts off: a kernel TornadoVM cannot compile must fail, not
     * quietly run as plain Java on host copies that the device heap has left stale.
     */
    private static TornadoRuntime runtime() {
        String bailout = System.getProperty("tornado.recover.bailout");
        if (bailout == null) {
            System.setProperty("tornado.recover.bailout", "False");
        } else if (!bailout.equalsIgnoreCase("false")) {
            throw new DeviceException("-Dtornado.recover.bailout=" + bailout + " would run failed kernels on the host;"
                    + " the tornadovm backend needs it False");
        }
        return TornadoRuntimeProvider.getTornadoRuntime();
    }

    private static String type(TornadoDevice device) {
        return switch (device.getDeviceType()) {
            case CPU -> "CPU";
            case GPU -> "GPU";
            default -> "ACCELERATOR";
        };
    }
}
