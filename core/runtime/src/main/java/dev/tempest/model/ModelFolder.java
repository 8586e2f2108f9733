package dev.tempest.model;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.ModelConfigException;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model folder in Hugging Face's layout, as a stage starts from one: {@code config.json},
 * {@code model.safetensors} and {@code tokenizer.json}, whether an earlier stage wrote it or it
 * is a published checkpoint. The family is the installed one whose {@code model_type} matches.
 */
public final class ModelFolder {

    private static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    private final Path dir;

    public ModelFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** What keeps {@code dir} from being a model folder, said before anything is loaded; empty when nothing does. */
    public Optional<String> problem() {
        if (!Files.isDirectory(dir)) {
            return Optional.of(Files.exists(dir) ? dir + " is a file, not a model folder" : "no such folder: " + dir);
        }
        for (String file : FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                return Optional.of(dir + " has no " + file + " (a model folder holds " + String.join(", ", FILES) + ")");
            }
        }
        return Optional.empty();
    }

    /** The parsed {@code config.json}. */
    public Map<String, Object> config() throws IOException {
        return HfCheckpoint.readConfig(dir);
    }

    public Tokenizer tokenizer() throws IOException {
        return Tokenizer.load(dir.resolve("tokenizer.json"));
    }

    /** The model, with its weights, on {@code backend}. */
    public LanguageModel load(ModelFamily family, Backend backend) throws IOException {
        Map<String, Object> config = config();
        LanguageModel model;
        try {
            model = family.create(backend, config);
        } catch (ModelConfigException e) {
            throw new IOException(dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        HfCheckpoint.loadWeights(model, dir);
        return model;
    }
}
