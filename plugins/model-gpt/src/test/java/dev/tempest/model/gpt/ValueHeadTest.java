package dev.tempest.model.gpt;

import dev.tempest.model.ValueHeadCheck;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPT-2 as PPO's actor and critic: a value head on its backbone, as TRL's AutoModelForCausalLMWithValueHead. */
class ValueHeadTest {

    @Test
    void thePolicyIsTheModelItWasPutOn(@TempDir Path dir) throws IOException {
        ValueHeadCheck.thePolicyIsTheModelItWasPutOn(new Gpt2Family(), "gpt2-tiny", dir);
    }

    @Test
    void thePpoGradientReachesTheValueHeadAndTheBackbone() throws IOException {
        ValueHeadCheck.ppoGradientMatchesFiniteDifferences(new Gpt2Family(), "gpt2-tiny");
    }
}
