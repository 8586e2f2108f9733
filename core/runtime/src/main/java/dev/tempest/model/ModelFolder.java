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

    /**
     * The language model, with its weights, on {@code backend}.
     *
     * @throws IOException also for a sequence classifier (a reward model), which scores text and generates none
     */
    public LanguageModel load(ModelFamily family, Backend backend) throws IOException {
        if (labels() > 0) {
            throw new IOException(dir.resolve("config.json") + ": a sequence classifier (a reward model), not a language"
                    + " model: it scores text and generates none; the reward-model plugin scores with it");
        }
        return create(family, backend);
    }

    /**
     * The reward model, a sequence classifier of one label as a reward_model stage writes it, with
     * its weights, on {@code backend}.
     *
     * @throws IOException also for any other model
     */
    public LanguageModel loadRewardModel(ModelFamily family, Backend backend) throws IOException {
        int labels = labels();
        if (labels != 1) {
            throw new IOException(dir.resolve("config.json") + ": a reward model is a sequence classifier of one label"
                    + " (architectures naming a ...ForSequenceClassification, num_labels 1), as a reward_model stage"
                    + " writes it; this one has " + (labels == 0 ? "none: it is a language model" : labels + " labels"));
        }
        return create(family, backend);
    }

    /** The labels of the folder's model, 0 for a language model ({@link SequenceClassification#labels}). */
    private int labels() throws IOException {
        return SequenceClassification.labels(new HfConfig(config()));
    }

    private LanguageModel create(ModelFamily family, Backend backend) throws IOException {
        LanguageModel model;
        try {
            model = family.create(backend, config());
        } catch (ModelConfigException e) {
            throw new IOException(dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        HfCheckpoint.loadWeights(model, dir);
        return model;
    }
}
