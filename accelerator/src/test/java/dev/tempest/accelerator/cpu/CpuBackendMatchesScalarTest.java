package dev.tempest.accelerator.cpu;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendContract;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The cpu backend with 1, 2 and 3 threads: its kernels share the oracle's code, all but the GEMM. */
class CpuBackendMatchesScalarTest extends BackendContract {

    @Override
    protected Stream<Named<Supplier<Backend>>> backends() {
        return IntStream.of(1, 2, 3).mapToObj(threads -> Named.of(threads + " threads", () -> new CpuBackend(threads)));
    }

    @Override
    protected double exact() {
        return 0;
    }
}
