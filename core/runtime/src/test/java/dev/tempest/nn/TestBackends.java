package dev.tempest.nn;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The backends every engine test runs on. */
final class TestBackends {

    /** A backend to create per test, named for the test report. */
    record Named(String name, Supplier<Backend> factory) {
        Backend create() {
            return factory.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TestBackends() {
    }

    static Stream<Named> all() {
        return Stream.of(new Named("scalar", ScalarBackend::new), new Named("cpu, 2 threads", () -> new CpuBackend(2)));
    }
}
