package dev.tempest.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.ParameterArena;
import dev.tempest.run.AtomicFile;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** A model folder in Hugging Face's layout: {@code config.json} and {@code model.safetensors}. */
public final class HfCheckpoint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfCheckpoint() {
    }

    /**
     * Writes {@code model} to {@code dir} as Hugging Face tools read it: {@code config.json} and
     * {@code model.safetensors} with every parameter under its name; each file atomically.
     */
    public static void save(LanguageModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("config.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(model.config()));
        SafetensorsWriter weights = new SafetensorsWriter().metadata("format", "pt");
        for (Map.Entry<String, Tensor> parameter : model.parameters().parameters().entrySet()) {
            weights.add(parameter.getKey(), parameter.getValue().shape(), model.parameters().read(parameter.getKey()));
        }
        weights.write(dir.resolve("model.safetensors"));
    }

    /** The parsed {@code config.json} of {@code dir}. */
    public static Map<String, Object> readConfig(Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the model config: " + e.getMessage(), e);
        }
    }

    /**
     * Sets every parameter of {@code model} from {@code dir/model.safetensors}, by Hugging Face
     * name ({@code transformer.} prefixed names, as some GPT-2 checkpoints have them, are found
     * too). Tensors the model does not use are ignored; one it needs and the file lacks, or of
     * another shape, is an error naming both.
     */
    public static void loadWeights(LanguageModel model, Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsReader reader = SafetensorsReader.open(file);
        ParameterArena parameters = model.parameters();
        for (Map.Entry<String, Tensor> parameter : parameters.parameters().entrySet()) {
            String name = stored(reader, parameter.getKey(), file);
            int[] shape = reader.entry(name).shape();
            if (!Arrays.equals(shape, parameter.getValue().shape())) {
                throw new IOException(file + ": tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + ", the model needs " + Arrays.toString(parameter.getValue().shape()));
            }
            parameters.write(parameter.getKey(), reader.read(name));
        }
    }

    private static String stored(SafetensorsReader reader, String name, Path file) throws IOException {
        for (String candidate : new String[] {name, "transformer." + name}) {
            if (reader.names().contains(candidate)) {
                return candidate;
            }
        }
        throw new IOException(file + ": no tensor '" + name + "', which the model needs");
    }
}
