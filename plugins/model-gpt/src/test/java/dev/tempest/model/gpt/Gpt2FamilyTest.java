package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ReferenceCheck;
import dev.tempest.random.SeededRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Gpt2FamilyTest {

    @ParameterizedTest
    @MethodSource("dev.tempest.model.ReferenceCheck#backends")
    void theFixtureLoadedThroughThePluginMatchesPyTorch(Supplier<Backend> backend) throws IOException {
        try (Backend b = backend.get()) {
            ReferenceCheck.matchesPyTorch(new Gpt2Family(), "gpt2-tiny", b);
        }
    }

    @Test
    void saveThenLoadRoundTripsBitForBit(@TempDir Path dir) throws IOException {
        Map<String, Object> config = HfCheckpoint.readConfig(ReferenceCheck.fixture("gpt2-tiny"));
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel saved = new Gpt2Family().create(backend, config);
            saved.initialize(new SeededRandom(3));
            HfCheckpoint.save(saved, dir);

            LanguageModel loaded = new Gpt2Family().create(backend, HfCheckpoint.readConfig(dir));
            HfCheckpoint.loadWeights(loaded, dir);

            for (String name : saved.parameters().parameters().keySet()) {
                assertArrayEquals(saved.parameters().read(name), loaded.parameters().read(name), name);
            }
            assertEquals(saved.config(), loaded.config());
        }
    }

    @Test
    void theLayoutNamesEveryTensorOfAHuggingFaceCheckpointWithItsShape() throws IOException {
        Path dir = ReferenceCheck.fixture("gpt2-tiny");
        SafetensorsReader checkpoint = SafetensorsReader.open(dir.resolve("model.safetensors"));

        var layout = new Gpt2Family().tensorLayout(HfCheckpoint.readConfig(dir));

        assertEquals(checkpoint.names().size(), layout.size());
        for (var spec : layout) {
            assertEquals(spec.shape(), java.util.Arrays.stream(checkpoint.entry(spec.name()).shape()).boxed().toList(),
                    spec.name());
        }
    }

    @Test
    void unsupportedConfigsAreRefusedNamingTheKey() throws IOException {
        Map<String, Object> config = new HashMap<>(HfCheckpoint.readConfig(ReferenceCheck.fixture("gpt2-tiny")));
        config.put("activation_function", "relu");
        IllegalArgumentException relu = assertThrows(IllegalArgumentException.class,
                () -> new Gpt2Family().tensorLayout(config));
        assertEquals("config.json: \"activation_function\" relu is not supported; GPT-2 uses gelu_new (tanh GELU)",
                relu.getMessage());

        config.put("activation_function", "gelu_new");
        config.put("n_head", 5);
        assertThrows(IllegalArgumentException.class, () -> new Gpt2Family().tensorLayout(config));
        config.remove("n_embd");
        assertEquals("config.json: \"n_embd\" must be a whole number, got nothing",
                assertThrows(IllegalArgumentException.class, () -> new Gpt2Family().tensorLayout(config)).getMessage());
    }
}
