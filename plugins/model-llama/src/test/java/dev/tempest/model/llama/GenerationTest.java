package dev.tempest.model.llama;

import dev.tempest.model.GenerationCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Generation with the KV cache gives exactly the tokens of recomputing the whole sequence each step. */
class GenerationTest {

    @Test
    void theKvCacheChangesNothingButTheCost() throws IOException {
        GenerationCheck.cacheChangesNothingButTheCost(new LlamaFamily(), "llama-tiny");
    }
}
