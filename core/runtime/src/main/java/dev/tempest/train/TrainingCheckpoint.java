package dev.tempest.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.checkpoint.SafetensorsWriter;
import dev.tempest.model.LanguageModel;
import dev.tempest.optim.AdamW;
import dev.tempest.run.AtomicFile;
import dev.tempest.run.FileDigest;
import dev.tempest.run.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A resumable checkpoint of a training run, one folder per step under {@code checkpoints/}:
 * the model in Hugging Face layout ({@code config.json}, {@code model.safetensors}), the AdamW
 * moments ({@code optimizer.safetensors}) and {@code trainer_state.json} (where the run stood,
 * and the length and checksum of every other file). A checkpoint is written into a
 * {@code .partial} folder and renamed into place when complete, and only then named in
 * {@code checkpoints/latest}. Resuming takes the newest checkpoint whose files all match their
 * checksums, saying so when that is not the one {@code latest} names.
 */
public final class TrainingCheckpoint {

    /**
     * What besides tensors a run needs to continue exactly.
     *
     * @param metricsPosition where the stage's metrics log ended when the checkpoint was taken
     * @param device          the backend the steps so far ran on, with what decides its rounding (threads)
     * @param carried         what the training batches carry besides their position ({@link Batches#carried})
     * @param files           length and checksum of each file of the checkpoint but this one
     */
    public record State(int step, long dataPosition, long validationPosition, long randomState, long metricsPosition,
                        String device, Map<String, Double> carried, Map<String, FileDigest> files) {

        public State {
            carried = carried == null ? Map.of() : carried;  // null in a checkpoint from before there was any
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final String LATEST = "latest";
    private static final String STATE = "trainer_state.json";
    private static final Pattern NAME = Pattern.compile("step-\\d{8}");

    private TrainingCheckpoint() {
    }

    /**
     * Saves a checkpoint after {@code state.step()} steps under {@code root}, then deletes all but
     * the newest {@code keep}; returns its folder.
     */
    public static Path save(Path root, LanguageModel model, AdamW adamw, State state, int keep) throws IOException {
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
        Map<String, FileDigest> files = new LinkedHashMap<>();
        for (Path file : list(partial)) {
            files.put(file.getFileName().toString(), FileDigest.of(file));
        }
        State complete = new State(state.step(), state.dataPosition(), state.validationPosition(), state.randomState(),
                state.metricsPosition(), state.device(), state.carried(), files);
        AtomicFile.write(partial.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(complete));
        FileTree.delete(done);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.write(root.resolve(LATEST), name.getBytes(StandardCharsets.UTF_8));
        List<Path> older = checkpoints(root);
        for (Path old : older.subList(Math.min(keep, older.size()), older.size())) {
            FileTree.delete(old);  // one cut short by a crash is damaged, passed over, and deleted next time
        }
        return done;
    }

    /** The checkpoint folders under {@code root}, newest first. */
    private static List<Path> checkpoints(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path entry : list(root)) {
            if (Files.isDirectory(entry) && NAME.matcher(entry.getFileName().toString()).matches()) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed());
        return found;
    }

    /**
     * The newest intact checkpoint under {@code root}, if any. Every damaged one passed over, and
     * a {@code latest} pointer that is missing or names another, is told to {@code notice}.
     *
     * @throws IOException when {@code latest} names anything but a checkpoint folder of {@code root}
     */
    public static Optional<Path> latest(Path root, Consumer<String> notice) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        String named = pointer(root);
        List<Path> candidates = checkpoints(root);
        for (Path candidate : candidates) {
            String damage = damage(candidate);
            if (damage == null) {
                String name = candidate.getFileName().toString();
                if (named == null) {
                    notice.accept(root.resolve(LATEST) + " is missing; resuming from the newest intact checkpoint, " + name);
                } else if (!named.equals(name)) {
                    notice.accept(root.resolve(LATEST) + " names " + named + "; resuming from the newest intact checkpoint, "
                            + name);
                }
                return Optional.of(candidate);
            }
            notice.accept("checkpoint " + candidate + " is not usable: " + damage);
        }
        if (!candidates.isEmpty()) {
            notice.accept("no intact checkpoint in " + root + "; the stage starts from the beginning");
        }
        return Optional.empty();
    }

    /** Whether {@code root} holds any checkpoint folder, intact or not: whether a stage has trained before. */
    public static boolean any(Path root) throws IOException {
        return Files.isDirectory(root) && !checkpoints(root).isEmpty();
    }

    /** Loads the checkpoint {@code dir} into {@code model} and {@code adamw}; returns where the run stood. */
    public static State restore(Path dir, LanguageModel model, AdamW adamw) throws IOException {
        HfCheckpoint.loadWeights(model, dir);
        SafetensorsReader optimizer = SafetensorsReader.open(dir.resolve("optimizer.safetensors"));
        Backend backend = model.parameters().backend();
        backend.write(adamw.firstMoments(), optimizer.read("exp_avg"), 0);
        backend.write(adamw.secondMoments(), optimizer.read("exp_avg_sq"), 0);
        State state = readState(dir);
        adamw.resumeAfter(state.step());
        return state;
    }

    /** The checkpoint {@code latest} names, or null where there is no pointer. */
    private static String pointer(Path root) throws IOException {
        Path pointer = root.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return null;
        }
        String named = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        if (!NAME.matcher(named).matches()) {
            throw new IOException(pointer + " names '" + named + "', which is not a checkpoint folder of " + root
                    + "; delete it to resume from the newest intact checkpoint");
        }
        return named;
    }

    /** Why checkpoint {@code dir} cannot be trusted, or null when every file matches its record. */
    private static String damage(Path dir) throws IOException {
        State state;
        try {
            state = readState(dir);
        } catch (IOException e) {
            return STATE + " is missing or damaged";
        }
        if (state.files() == null || state.files().isEmpty()) {
            return STATE + " lists no files";
        }
        for (Map.Entry<String, FileDigest> file : state.files().entrySet()) {
            String mismatch = file.getValue().mismatch(dir.resolve(file.getKey()));
            if (mismatch != null) {
                return mismatch;
            }
        }
        return null;
    }

    private static State readState(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(STATE).toFile(), State.class);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static float[] read(Backend backend, Buffer buffer) {
        float[] values = new float[buffer.length()];
        backend.read(buffer, values, 0);
        return values;
    }
}
