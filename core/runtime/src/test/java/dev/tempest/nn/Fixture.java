package dev.tempest.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.accelerator.Backend;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PyTorch-made reference model from src/test/resources/fixtures (see the README beside each):
 * its config, its weights loaded into an arena, its batch, and the expected outputs.
 */
final class Fixture {

    final JsonNode config;
    final ParameterArena parameters;
    final int B;
    final int T;
    final int[] inputIds;  // (B*T)
    final int[] targets;   // (B*T)
    final SafetensorsReader expected;

    private Fixture(JsonNode config, ParameterArena parameters, int B, int T, int[] inputIds, int[] targets,
                    SafetensorsReader expected) {
        this.config = config;
        this.parameters = parameters;
        this.B = B;
        this.T = T;
        this.inputIds = inputIds;
        this.targets = targets;
        this.expected = expected;
    }

    static Fixture load(String name, Backend backend) throws IOException {
        Path dir;
        try {
            dir = Path.of(Fixture.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        ObjectMapper json = new ObjectMapper();
        SafetensorsReader model = SafetensorsReader.open(dir.resolve("model.safetensors"));
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (String tensor : model.names()) {
            shapes.put(tensor, model.entry(tensor).shape());
        }
        ParameterArena parameters = ParameterArena.allocate(backend, shapes);
        for (Map.Entry<String, Tensor> parameter : parameters.parameters().entrySet()) {
            backend.write(parameter.getValue().data(), model.read(parameter.getKey()), 0);
        }
        JsonNode inputs = json.readTree(dir.resolve("inputs.json").toFile());
        int B = inputs.get("input_ids").size();
        int T = inputs.get("input_ids").get(0).size();
        return new Fixture(json.readTree(dir.resolve("config.json").toFile()), parameters, B, T,
                flatten(inputs.get("input_ids")), flatten(inputs.get("targets")),
                SafetensorsReader.open(dir.resolve("expected.safetensors")));
    }

    Tensor p(String name) {
        return parameters.get(name);
    }

    int configInt(String key) {
        return config.get(key).intValue();
    }

    float configFloat(String key) {
        return config.get(key).floatValue();
    }

    /** Positions 0..T-1 for each of the B rows. */
    int[] positions() {
        int[] positions = new int[B * T];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i % T;
        }
        return positions;
    }

    private static int[] flatten(JsonNode rows) {
        int[] flat = new int[rows.size() * rows.get(0).size()];
        int i = 0;
        for (JsonNode row : rows) {
            for (JsonNode id : row) {
                flat[i++] = id.intValue();
            }
        }
        return flat;
    }
}
