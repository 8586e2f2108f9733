package dev.tempest.accelerator.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.DeviceInfo;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The OpenCL devices tests run on. Where none is installed, a test that asks is skipped with the
 * reason, unless TEMPEST_REQUIRE_OPENCL=1 (set by CI, which installs PoCL): then it fails.
 */
public final class OpenClPlatform {

    private static final OpenClBackendProvider PROVIDER = new OpenClBackendProvider();

    private OpenClPlatform() {
    }

    /** Every OpenCL device spec here; never empty (skips or fails instead). */
    public static List<String> devices() {
        List<String> specs = PROVIDER.devices().stream().map(DeviceInfo::spec).toList();
        if (specs.isEmpty()) {
            String reason = PROVIDER.unavailableReason();
            if ("1".equals(System.getenv("TEMPEST_REQUIRE_OPENCL"))) {
                fail("TEMPEST_REQUIRE_OPENCL=1 but there is no OpenCL device: " + reason);
            }
            assumeTrue(false, "no OpenCL device: " + reason);
        }
        return specs;
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
