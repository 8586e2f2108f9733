package dev.tempest.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.checkpoint.SafetensorsWriter;
import dev.tempest.model.LanguageModel;
import dev.tempest.optim.AdamW;
import dev.tempest.run.AtomicFile;
import dev.tempest.run.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A resumable checkpoint of a training run, one folder per step under {@code checkpoints/}:
 * the model in Hugging Face layout ({@code config.json}, {@code model.safetensors}), the AdamW
 * moments ({@code optimizer.safetensors}) and {@code trainer_state.json} (step, data position,
 * random state). A checkpoint is written into a {@code .partial} folder and renamed into place
 * when complete, and only then named in {@code checkpoints/latest}: a crash at any moment leaves
 * the previous checkpoint as the latest, whole.
 */
public final class TrainingCheckpoint {

    /** What besides tensors a run needs to continue exactly. */
    public record State(int step, long dataPosition, long randomState) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LATEST = "latest";

    private TrainingCheckpoint() {
    }

    /** Saves a checkpoint after {@code state.step()} steps under {@code root}; returns its folder. */
    public static Path save(Path root, LanguageModel model, AdamW adamw, State state) throws IOException {
        String name = String.format("step-%08d", state.step());
        Path partial = root.resolve(name + ".partial");
        Path done = root.resolve(name);
        FileTree.delete(partial);
        HfCheckpoint.save(model, partial);
        Backend backend = model.parameters().backend();
        int[] shape = {model.parameters().size()};
        new SafetensorsWriter()
                .add("exp_avg", shape, read(backend, adamw.firstMoments()))
                .add("exp_avg_sq", shape, read(backend, adamw.secondMoments()))
                .write(partial.resolve("optimizer.safetensors"));
        AtomicFile.write(partial.resolve("trainer_state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        FileTree.delete(done);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.write(root.resolve(LATEST), name.getBytes(StandardCharsets.UTF_8));
        return done;
    }

    /** The latest complete checkpoint under {@code root}, if any. */
    public static Optional<Path> latest(Path root) throws IOException {
        Path pointer = root.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path dir = root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        if (!Files.isRegularFile(dir.resolve("trainer_state.json"))) {
            throw new IOException(pointer + " names " + dir + ", which is not a complete checkpoint");
        }
        return Optional.of(dir);
    }

    /** Loads the checkpoint {@code dir} into {@code model} and {@code adamw}; returns where the run stood. */
    public static State restore(Path dir, LanguageModel model, AdamW adamw) throws IOException {
        HfCheckpoint.loadWeights(model, dir);
        SafetensorsReader optimizer = SafetensorsReader.open(dir.resolve("optimizer.safetensors"));
        Backend backend = model.parameters().backend();
        backend.write(adamw.firstMoments(), optimizer.read("exp_avg"), 0);
        backend.write(adamw.secondMoments(), optimizer.read("exp_avg_sq"), 0);
        State state = JSON.readValue(dir.resolve("trainer_state.json").toFile(), State.class);
        adamw.resumeAfter(state.step());
        return state;
    }

    private static float[] read(Backend backend, Buffer buffer) {
        float[] values = new float[buffer.length()];
        backend.read(buffer, values, 0);
        return values;
    }
}
