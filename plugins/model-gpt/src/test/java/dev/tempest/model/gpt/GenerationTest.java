package dev.tempest.model.gpt;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.GenerationCheck;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generation with the KV cache, and in batches, gives exactly the tokens of generating one sequence by recomputing it. */
class GenerationTest {

    @Test
    void theKvCacheChangesNothingButTheCost() throws IOException {
        GenerationCheck.cacheChangesNothingButTheCost(new Gpt2Family(), "gpt2-tiny");
    }

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void batchedGenerationEqualsOneByOne(Supplier<Backend> backend) throws IOException {
        try (Backend b = backend.get()) {
            GenerationCheck.batchedEqualsOneByOne(new Gpt2Family(), "gpt2-tiny", b);
        }
    }
}
