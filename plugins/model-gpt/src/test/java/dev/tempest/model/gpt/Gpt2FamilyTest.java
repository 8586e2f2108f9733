package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.api.ModelConfigException;
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
import org.junit.jupiter.params.provider.CsvSource;
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
        assertEquals("activation_function: \"relu\" is not supported; GPT-2 uses gelu_new (tanh GELU)",
                assertThrows(ModelConfigException.class, () -> new Gpt2Family().tensorLayout(config)).getMessage());

        config.put("activation_function", "gelu_new");
        config.put("n_head", 5);
        assertEquals("n_embd: must be a multiple of n_head (5), got 32",
                assertThrows(ModelConfigException.class, () -> new Gpt2Family().tensorLayout(config)).getMessage());
        config.remove("n_embd");
        assertEquals("n_embd: required, but missing",
                assertThrows(ModelConfigException.class, () -> new Gpt2Family().tensorLayout(config)).getMessage());
    }

    @Test
    void aPublishedConfigMayCarryKeysGpt2DoesNotReadButAHandWrittenOneMayNot() throws IOException {
        Map<String, Object> config = new HashMap<>(HfCheckpoint.readConfig(ReferenceCheck.fixture("gpt2-tiny")));
        config.put("summary_type", "cls_index");   // one of the many keys Hugging Face's own config.json holds

        new Gpt2Family().tensorLayout(config);
        ModelConfigException strict = assertThrows(ModelConfigException.class, () -> new Gpt2Family().checkNewConfig(config));

        assertTrue(strict.problem().startsWith("unknown key"), strict.getMessage());  // the fixture's own "architectures" first
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            n_layers  | 4    | n_layers: unknown key; did you mean 'n_layer'?
            n_layer   | four | n_layer: must be a whole number, got "four"
            n_layer   | 32.5 | n_layer: must be a whole number, got 32.5
            n_layer   | 0    | n_layer: must be between 1 and 16777216, got 0
            n_embd    | -8   | n_embd: must be between 1 and 16777216, got -8
            n_head    | 3    | n_embd: must be a multiple of n_head (3), got 128
            n_positions | 99999999999 | n_positions: must be between 1 and 16777216, got 99999999999
            layer_norm_epsilon | -1 | layer_norm_epsilon: must be a finite number above 0, got -1
            """)
    void aHandWrittenConfigIsCheckedKeyByKey(String key, String value, String message) {
        Map<String, Object> config = new HashMap<>(Map.of("n_embd", 128, "n_layer", 4, "n_head", 4, "n_positions", 64,
                "vocab_size", 512));
        if (key.equals("n_layers")) {
            config.remove("n_layer");
        }
        config.put(key, parse(value));

        assertEquals(message, assertThrows(ModelConfigException.class, () -> new Gpt2Family().checkNewConfig(config))
                .getMessage());
    }

    /** The value as YAML would bind it: a whole number, a decimal, or text. */
    static Object parse(String value) {
        if (value.matches("-?\\d+")) {
            return Long.parseLong(value);
        }
        return value.matches("-?\\d+\\.\\d+") ? (Object) Double.parseDouble(value) : value;
    }
}
