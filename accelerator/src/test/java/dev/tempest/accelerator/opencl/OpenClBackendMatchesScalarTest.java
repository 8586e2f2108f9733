package dev.tempest.accelerator.opencl;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendContract;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every kernel on every OpenCL device here (PoCL in CI) against the scalar oracle. The device
 * evaluates exp, tanh, cos and sin its own way, within a few ulp, and sums reductions in float.
 */
class OpenClBackendMatchesScalarTest extends BackendContract {

    /** Every device as opened, and again with the GEMM tiled in local memory, so that CPU devices (PoCL in CI) run the GPUs' GEMM too. */
    @Override
    protected Stream<Named<Supplier<Backend>>> backends() {
        return OpenClPlatform.backends().flatMap(device -> Stream.of(device,
                Named.<Supplier<Backend>>of(device.getName() + ", tiled GEMM", () -> OpenClPlatform.withTiledGemm(device.getName()))));
    }

    @Override
    protected double exact() {
        return 2e-6;
    }
}
