package dev.tempest.backend.tornadovm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendContract;
import dev.tempest.api.DeviceInfo;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Every kernel of the tornadovm backend against the scalar oracle (the accelerator's
 * {@link BackendContract}), on every TornadoVM device, or only the one
 * {@code -Dtempest.tornadovm.device=tornadovm:B:D} names. Each test opens its own backend, so
 * TornadoVM compiles the kernels it uses anew.
 */
class TornadoBackendMatchesScalarTest extends BackendContract {

    /**
     * Elementwise kernels do the oracle's arithmetic in float, but the device evaluates exp, tanh,
     * pow, cos and sin itself: on PoCL they differ from Java's by at most one float32 ulp of the
     * largest output for small arguments (1.1e-7 of it: SwiGLU), but cos and sin of RoPE's angles
     * at positions in the hundreds (up to 506 rad) by 3.6e-7 of it, so 5e-7.
     */
    static final double EXACT = 5e-7;

    /**
     * Norms, attention, cross-entropy and GEMM (per sqrt of K) sum in float where the oracle sums
     * in double: up to 2.5e-7 of the largest output on PoCL (attention backward dq, over 7 keys of
     * width 5; cached decoding is 2 ulps off at 1.42), so 3e-7 (2e-7 fails).
     */
    static final double ROUND_OFF = 3e-7;

    /** The devices under test, each opened anew by every test that takes it; none found fails with TornadoVM's reason. */
    static Stream<Named<Supplier<Backend>>> devices() {
        TornadoBackendFactory factory = new TornadoBackendFactory();
        List<DeviceInfo> devices = factory.devices();
        assertFalse(devices.isEmpty(), () -> "no TornadoVM device to test on: " + factory.unavailableReason());
        String chosen = System.getProperty("tempest.tornadovm.device");
        if (chosen != null) {
            return Stream.of(Named.of(chosen, () -> factory.open(chosen, 1)));
        }
        return devices.stream().map(device -> Named.<Supplier<Backend>>of(device.spec() + " (" + device.name() + ")",
                () -> factory.open(device.spec(), 1)));
    }

    @Override
    protected Stream<Named<Supplier<Backend>>> backends() {
        return devices();
    }

    @Override
    protected double exact() {
        return EXACT;
    }

    @Override
    protected double roundOff() {
        return ROUND_OFF;
    }
}
