package dev.tempest.model.llama;

import dev.tempest.model.ValueHeadCheck;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Llama as PPO's actor and critic: a value head on its backbone, as TRL's AutoModelForCausalLMWithValueHead. */
class ValueHeadTest {

    @Test
    void thePolicyIsTheModelItWasPutOn(@TempDir Path dir) throws IOException {
        ValueHeadCheck.thePolicyIsTheModelItWasPutOn(new LlamaFamily(), "llama-tiny", dir);
    }

    @Test
    void thePpoGradientReachesTheValueHeadAndTheBackbone() throws IOException {
        ValueHeadCheck.ppoGradientMatchesFiniteDifferences(new LlamaFamily(), "llama-tiny");
    }
}
