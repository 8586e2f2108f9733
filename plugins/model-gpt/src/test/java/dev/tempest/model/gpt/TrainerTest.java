package dev.tempest.model.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ReferenceCheck;
import dev.tempest.optim.AdamW;
import dev.tempest.optim.LearningRate;
import dev.tempest.random.SeededRandom;
import dev.tempest.run.MetricsLog;
import dev.tempest.run.FileTree;
import dev.tempest.train.Objective;
import dev.tempest.train.PackedBatches;
import dev.tempest.train.StepListener;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainerSettings;
import dev.tempest.train.TrainingCheckpoint;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a tiny GPT-2, on the cpu backend with 2 threads. */
class TrainerTest {

    @TempDir Path dir;
    private Map<String, Object> config;
    private int[] stream;

    @BeforeEach
    void tinyModelAndAPatternedStream() throws IOException {
        config = HfCheckpoint.readConfig(ReferenceCheck.fixture("gpt2-tiny"));
        SeededRandom random = new SeededRandom(5);
        stream = new int[4000];
        for (int i = 0; i < stream.length; i++) {
            // Mostly a cycle through 12 tokens, with some noise: learnable, not trivial.
            stream[i] = random.nextDouble() < 0.9 ? i % 12 : random.nextInt(96);
        }
    }

    @Test
    void lossFallsAndEveryParameterChanges() throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(backend, 1);
            Map<String, float[]> before = snapshot(model);
            Path metricsFile = dir.resolve("metrics.jsonl");
            Trainer trainer;
            float firstEval;
            try (MetricsLog metrics = new MetricsLog(metricsFile)) {
                PackedBatches heldOut = new PackedBatches(Arrays.copyOfRange(stream, 3600, stream.length), 4, 16);
                trainer = new Trainer(model, Objective.nextToken(), settings(40, 0),
                        new PackedBatches(Arrays.copyOfRange(stream, 0, 3600), 4, 16), heldOut, null,
                        metrics.forStage("pretrain", 0), new SeededRandom(1));
                firstEval = trainer.evaluate().value();
                trainer.run();
            }
            float lastEval = trainer.evaluate().value();

            assertTrue(lastEval < 0.6 * firstEval, "held-out loss " + firstEval + " -> " + lastEval);
            for (Map.Entry<String, float[]> parameter : before.entrySet()) {
                assertFalse(Arrays.equals(parameter.getValue(), model.parameters().read(parameter.getKey())),
                        parameter.getKey() + " did not change");
            }
            assertEquals(40 + 4, Files.readAllLines(metricsFile).size(), "a line per step and per evaluation");
        }
    }

    @Test
    void resumeAfterKillIsBitExactInTheWeightsAndInEveryLoggedValue() throws IOException {
        Run straight = train(dir.resolve("straight"), 6, 2);
        Path interrupted = dir.resolve("interrupted");
        train(interrupted, 4, 2);                                   // as if killed after step 4, its last checkpoint
        FileTree.delete(interrupted.resolve("checkpoints/step-00000004"));  // at step 3...
        Files.writeString(interrupted.resolve("checkpoints/latest"), "step-00000003");
        Files.writeString(interrupted.resolve("metrics.jsonl"),     // ...having logged half of step 5
                "{\"stage\":\"pretrain\",\"st", StandardOpenOption.APPEND);
        Run resumed = train(interrupted, 6, 2);                     // a new process picks it up

        assertArrayEquals(straight.parameters(), resumed.parameters());
        assertEquals(withoutTimings(straight.metrics()), withoutTimings(resumed.metrics()));
        assertEquals(6 + 3, straight.metrics().size(), "a line per step and per held-out evaluation");
    }

    @Test
    void aSaveThatDiedHalfWayLeavesThePreviousCheckpointLatestAndLoadable() throws IOException {
        Path run = dir.resolve("run");
        train(run, 3, 0);
        Path torn = Files.createDirectories(run.resolve("checkpoints/step-00000006.partial"));
        Files.write(torn.resolve("model.safetensors"), new byte[] {1, 2, 3}); // what a crash mid-write leaves
        List<String> notices = new ArrayList<>();

        Path latest = TrainingCheckpoint.latest(run.resolve("checkpoints"), notices::add).orElseThrow();

        assertEquals("step-00000003", latest.getFileName().toString());
        assertEquals(List.of(), notices);
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(backend, 99);
            assertEquals(3, TrainingCheckpoint.restore(latest, model,
                    new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f)).step());
        }
    }

    @Test
    void aDamagedLatestCheckpointIsPassedOverForTheNewestIntactOneSayingSo() throws IOException {
        Run straight = train(dir.resolve("straight"), 6, 0);
        Path run = dir.resolve("run");
        train(run, 6, 0);                                          // checkpoints after steps 3 and 6
        Path model = run.resolve("checkpoints/step-00000006/model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;                              // one flipped bit
        Files.write(model, bytes);
        List<String> notices = new ArrayList<>();

        Run resumed = train(run, 6, 0, notices);

        assertEquals(List.of("checkpoint " + run.resolve("checkpoints/step-00000006")
                        + " is not usable: model.safetensors is damaged (its checksum differs)",
                run.resolve("checkpoints/latest") + " names step-00000006; resuming from the newest intact checkpoint,"
                        + " step-00000003"), notices);
        assertArrayEquals(straight.parameters(), resumed.parameters(), "steps 4 to 6 trained again, to the same bits");
    }

    @Test
    void aTruncatedCheckpointAndAMissingPointerAreFoundAndAPointerOutsideIsRefused() throws IOException {
        Path checkpoints = dir.resolve("run/checkpoints");
        train(dir.resolve("run"), 6, 0);
        Path optimizer = checkpoints.resolve("step-00000006/optimizer.safetensors");
        Files.write(optimizer, Arrays.copyOf(Files.readAllBytes(optimizer), 100));
        Files.delete(checkpoints.resolve("latest"));
        List<String> notices = new ArrayList<>();

        Path found = TrainingCheckpoint.latest(checkpoints, notices::add).orElseThrow();
        Files.writeString(checkpoints.resolve("latest"), "../../elsewhere");
        IOException outside = assertThrows(IOException.class, () -> TrainingCheckpoint.latest(checkpoints, notices::add));

        assertEquals("step-00000003", found.getFileName().toString());
        assertTrue(notices.get(0).endsWith("step-00000006 is not usable: optimizer.safetensors has 100 bytes, not "
                + Files.size(checkpoints.resolve("step-00000003/optimizer.safetensors"))), notices.get(0));
        assertEquals(checkpoints.resolve("latest") + " is missing; resuming from the newest intact checkpoint,"
                + " step-00000003", notices.get(1));
        assertEquals(checkpoints.resolve("latest") + " names '../../elsewhere', which is not a checkpoint folder of "
                + checkpoints + "; delete it to resume from the newest intact checkpoint", outside.getMessage());
    }

    @Test
    void onlyTheNewestCheckpointsAreKept() throws IOException {
        Path run = dir.resolve("run");
        train(run, 9, 0);                                          // checkpoints after steps 3, 6 and 9; two kept

        try (var entries = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("latest", "step-00000006", "step-00000009"),
                    entries.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void resumingWithAnotherThreadCountWorksAndSaysTheBitsMayDiffer() throws IOException {
        Path run = dir.resolve("run");
        train(run, 3, 0);
        List<String> notices = new ArrayList<>();

        try (Backend backend = new CpuBackend(1)) {
            LanguageModel model = model(backend, 1);
            new Trainer(model, Objective.nextToken(), settings(6, 3), batches(), null, run.resolve("checkpoints"), null,
                    new SeededRandom(1), listener(notices)).run();
        }

        assertEquals(List.of("steps 1-3 ran on cpu with 2 threads, the rest run on cpu with 1 thread: the result equals"
                + " an uninterrupted run's only to float rounding"), notices);
    }

    @Test
    void aNaNStopsTrainingNamingTheStep() {
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(backend, 1);
            float[] poisoned = model.parameters().read("ln_f.weight");
            poisoned[3] = Float.NaN;
            model.parameters().write("ln_f.weight", poisoned);
            Trainer trainer = new Trainer(model, Objective.nextToken(), settings(5, 0), batches(), null, null, null,
                    new SeededRandom(1));

            TrainingDiverged diverged = assertThrows(TrainingDiverged.class, trainer::run);

            assertEquals("step 1: loss is NaN", diverged.getMessage());
        }
    }

    /** A run's final parameters and its metrics lines. */
    private record Run(float[] parameters, List<String> metrics) {
    }

    private Run train(Path run, int steps, int evalEvery) throws IOException {
        return train(run, steps, evalEvery, new ArrayList<>());
    }

    /**
     * Trains to {@code steps} in {@code run} (checkpoints every 3 steps, a held-out evaluation every
     * {@code evalEvery}), resuming from what the folder holds, as a new process would.
     */
    private Run train(Path run, int steps, int evalEvery, List<String> notices) throws IOException {
        Files.createDirectories(run);
        Path metricsFile = run.resolve("metrics.jsonl");
        try (Backend backend = new CpuBackend(2); MetricsLog log = new MetricsLog(metricsFile)) {
            LanguageModel model = model(backend, 1);
            TrainerSettings settings = new TrainerSettings(steps, 2, LearningRate.warmupCosine(1e-2f, 1e-3f, 3, 40),
                    1.0, 0.1f, evalEvery, 2, 3, 2);
            PackedBatches heldOut = new PackedBatches(Arrays.copyOfRange(stream, 3600, stream.length), 2, 16);
            new Trainer(model, Objective.nextToken(), settings, new PackedBatches(Arrays.copyOfRange(stream, 0, 3600), 4, 16),
                    heldOut, run.resolve("checkpoints"), log.forStage("pretrain", 0), new SeededRandom(1), listener(notices)).run();
            float[] parameters = new float[model.parameters().size()];
            backend.read(model.parameters().data(), parameters, 0);
            return new Run(parameters, Files.readAllLines(metricsFile));
        }
    }

    private static StepListener listener(List<String> notices) {
        return new StepListener() {
            @Override
            public void stepDone(int step, int total, float loss, long speed) {
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
    }

    /** The lines with the one value that depends on the machine's speed left out. */
    private static List<String> withoutTimings(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll(",\"tokens_per_s\":\\d+,\"step_s\":[0-9.eE-]+", "")).toList();
    }

    private LanguageModel model(Backend backend, long seed) {
        LanguageModel model = new Gpt2Family().create(backend, config);
        model.initialize(new SeededRandom(seed));
        return model;
    }

    private PackedBatches batches() {
        return new PackedBatches(stream, 4, 16);
    }

    private static TrainerSettings settings(int steps, int checkpointEvery) {
        return new TrainerSettings(steps, 2, LearningRate.warmupCosine(1e-2f, 1e-3f, 3, 40), 1.0, 0.1f,
                10, 2, checkpointEvery, 2);
    }

    private static Map<String, float[]> snapshot(LanguageModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.parameters().parameters().keySet().forEach(name -> values.put(name, model.parameters().read(name)));
        return values;
    }
}
