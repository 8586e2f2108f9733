package dev.tempest.model.gpt;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.BatchingCheck;
import dev.tempest.model.ReferenceCheck;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Padding and packing examples of different lengths change no loss and no gradient, on every backend. */
class BatchingTest {

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void paddingAndPackingChangeNothing(Supplier<Backend> backend) throws IOException {
        BatchingCheck.paddingAndPackingChangeNothing(new Gpt2Family(), "gpt2-tiny", backend.get());
    }
}
