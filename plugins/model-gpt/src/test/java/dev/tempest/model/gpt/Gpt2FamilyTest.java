package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.model.ReferenceCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Gpt2FamilyTest {

    static Stream<Supplier<Backend>> backends() {
        return Stream.of(ScalarBackend::new, () -> new CpuBackend(2));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theFixtureLoadedThroughThePluginMatchesPyTorch(Supplier<Backend> backend) throws IOException {
        try (Backend b = backend.get()) {
            ReferenceCheck.matchesPyTorch(new Gpt2Family(), "gpt2-tiny", b);
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
