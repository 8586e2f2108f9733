package dev.tempest.accelerator.opencl;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.DeviceInfo;
import dev.tempest.api.testing.SystemTool;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The OpenCL devices tests run on. Where there is none, a test that asks is skipped with the
 * reason and the fix, or fails under TEMPEST_REQUIRE_TOOLS=1 (as {@link SystemTool} rules).
 */
public final class OpenClPlatform {

    private static final OpenClBackendProvider PROVIDER = new OpenClBackendProvider();

    private OpenClPlatform() {
    }

    /** Every OpenCL device spec here; never empty (skips or fails instead). */
    public static List<String> devices() {
        PROVIDER.systemChecks().forEach(SystemTool::require);
        return PROVIDER.devices().stream().map(DeviceInfo::spec).toList();
    }

    /**
     * A backend per OpenCL device, for parameterised tests; where there is none, one entry whose
     * opening skips (or fails) the test with the reason, so the report shows it.
     */
    public static Stream<Named<Supplier<Backend>>> backends() {
        if (PROVIDER.devices().isEmpty()) {
            return Stream.of(Named.of("no OpenCL device", () -> open(devices().get(0))));
        }
        return devices().stream().map(spec -> Named.of(spec, () -> open(spec)));
    }

    /** The backend on device {@code spec} with the GEMM that GPUs get, tiled in local memory, whatever the device. */
    public static Backend withTiledGemm(String spec) {
        devices();  // skips, or fails, where there is none
        OpenClDevices.Found found = OpenClDevices.find().stream()
                .filter(device -> device.info().spec().equals(spec)).findFirst().orElseThrow();
        return new OpenClBackend(ClDevice.of(found), true);
    }

    /** The backend on device {@code spec}. */
    public static Backend open(String spec) {
        return PROVIDER.open(spec, 1);
    }
}
