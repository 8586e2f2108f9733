package dev.tempest.accelerator.scalar;

import dev.tempest.accelerator.cpu.Parallel;
import dev.tempest.accelerator.host.HostBackend;
import dev.tempest.accelerator.kernels.Gemm;

/**
 * The reference backend: every kernel on one thread, the plain triple-loop GEMM accumulating in
 * double. Obviously correct and slow; the oracle that every other backend is tested against.
 */
public final class ScalarBackend extends HostBackend {

    public ScalarBackend() {
        super("scalar", new Parallel(1), Gemm::gemm);
    }
}
