package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendContract;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The cpu backend with 1, 2 and 3 threads: its kernels share the oracle's code, all but the GEMM,
 * attention (GEMMs, checked at {@code roundOff()}) and GELU.
 */
class CpuBackendMatchesScalarTest extends BackendContract {

    @Override
    protected Stream<Named<Supplier<Backend>>> backends() {
        return IntStream.of(1, 2, 3).mapToObj(threads -> Named.of(threads + " threads", () -> new CpuBackend(threads)));
    }

    /**
     * GELU evaluates its tanh as a sigmoid through its own float exp (1 ulp from Math.exp), where
     * the oracle calls Math.tanh: a few float ulp apart (6e-8 of the largest value measured). Every
     * other kernel judged at this tolerance is the oracle's own code and still agrees to the bit.
     */
    @Override
    protected double exact() {
        return 1e-6;
    }
}
