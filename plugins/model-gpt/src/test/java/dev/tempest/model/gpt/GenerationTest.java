package dev.tempest.model.gpt;

import dev.tempest.model.GenerationCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Generation with the KV cache gives exactly the tokens of recomputing the whole sequence each step. */
class GenerationTest {

    @Test
    void theKvCacheChangesNothingButTheCost() throws IOException {
        GenerationCheck.cacheChangesNothingButTheCost(new Gpt2Family(), "gpt2-tiny");
    }
}
