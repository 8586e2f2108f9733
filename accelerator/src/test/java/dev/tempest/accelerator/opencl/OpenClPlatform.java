package dev.tempest.accelerator.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tempest.accelerator.DeviceException;
import java.util.List;

/**
 * The OpenCL devices tests run on. Where none is installed the tests are skipped with the
 * reason, unless TEMPEST_REQUIRE_OPENCL=1 (set by CI, which installs PoCL): then that fails.
 */
public final class OpenClPlatform {

    private OpenClPlatform() {
    }

    /** Every device spec here, or a skip (a failure under TEMPEST_REQUIRE_OPENCL=1) that says why there is none. */
    public static List<String> devices() {
        try {
            return OpenClDevices.find().stream().map(found -> found.info().spec()).toList();
        } catch (DeviceException e) {
            if ("1".equals(System.getenv("TEMPEST_REQUIRE_OPENCL"))) {
                fail("TEMPEST_REQUIRE_OPENCL=1 but " + e.getMessage());
            }
            assumeTrue(false, "no OpenCL device: " + e.getMessage());
            throw e;
        }
    }
}
