package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that a family's generation with the KV cache gives exactly the tokens of recomputing the whole sequence. */
public final class GenerationCheck {

    private GenerationCheck() {
    }

    /** On a randomly initialised model with the fixture's sizes, greedy and sampled. */
    public static void cacheChangesNothingButTheCost(ModelFamily family, String fixtureName) throws IOException {
        Map<String, Object> config = new HashMap<>(HfCheckpoint.readConfig(ReferenceCheck.fixture(fixtureName)));
        Tokenizer tokenizer = BpeTrainer.train(List.of("a small corpus"), 260, List.of("<|endoftext|>"));
        // Every id below <|endoftext|>: the model never ends early, so the runs are compared over all 12 tokens.
        config.put("vocab_size", tokenizer.specialToken("<|endoftext|>").getAsInt());
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = family.create(backend, config);
            model.initialize(new SeededRandom(9));
            Generator generator = new Generator(model, tokenizer);
            int[] prompt = {5, 17, 42, 8};
            for (Sampling sampling : List.of(new Sampling(12, 0, 0, 1, 1), new Sampling(12, 1.5f, 50, 0.9f, 3))) {
                int[] cached = generator.generate(prompt, sampling, true);
                int[] recomputed = generator.generate(prompt, sampling, false);

                assertEquals(12, cached.length);
                assertArrayEquals(recomputed, cached, "sampling " + sampling);
            }
        }
    }
}
