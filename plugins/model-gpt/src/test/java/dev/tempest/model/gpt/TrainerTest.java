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
import dev.tempest.train.Objective;
import dev.tempest.train.PackedBatches;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainerSettings;
import dev.tempest.train.TrainingCheckpoint;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                        new PackedBatches(Arrays.copyOfRange(stream, 0, 3600), 4, 16), heldOut, null, metrics,
                        new SeededRandom(1));
                firstEval = trainer.evaluate();
                trainer.run();
            }
            float lastEval = trainer.evaluate();

            assertTrue(lastEval < 0.6 * firstEval, "held-out loss " + firstEval + " -> " + lastEval);
            for (Map.Entry<String, float[]> parameter : before.entrySet()) {
                assertFalse(Arrays.equals(parameter.getValue(), model.parameters().read(parameter.getKey())),
                        parameter.getKey() + " did not change");
            }
            assertEquals(40 + 4, Files.readAllLines(metricsFile).size(), "a line per step and per evaluation");
        }
    }

    @Test
    void resumeAfterKillIsBitExact() throws IOException {
        float[] straight = train(dir.resolve("straight"), 6);
        train(dir.resolve("interrupted"), 3);                       // the run that was killed after step 3
        float[] resumed = train(dir.resolve("interrupted"), 6);     // a new process picks it up

        assertArrayEquals(straight, resumed);
    }

    @Test
    void aSaveThatDiedHalfWayLeavesThePreviousCheckpointLatestAndLoadable() throws IOException {
        Path checkpoints = dir.resolve("checkpoints");
        train(checkpoints, 3);
        Path torn = Files.createDirectories(checkpoints.resolve("step-00000006.partial"));
        Files.write(torn.resolve("model.safetensors"), new byte[] {1, 2, 3}); // what a crash mid-write leaves

        Path latest = TrainingCheckpoint.latest(checkpoints).orElseThrow();
        assertEquals("step-00000003", latest.getFileName().toString());
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(backend, 99);
            assertEquals(3, TrainingCheckpoint.restore(latest, model,
                    new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f)).step());
        }
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

    /** Trains to {@code steps} with a checkpoint every 3 steps in {@code checkpoints}; the final parameters. */
    private float[] train(Path checkpoints, int steps) throws IOException {
        try (Backend backend = new CpuBackend(2)) {
            LanguageModel model = model(backend, 1);
            new Trainer(model, Objective.nextToken(), settings(steps, 3), batches(), null, checkpoints, null,
                    new SeededRandom(1)).run();
            float[] parameters = new float[model.parameters().size()];
            backend.read(model.parameters().data(), parameters, 0);
            return parameters;
        }
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
                10, 2, checkpointEvery);
    }

    private static Map<String, float[]> snapshot(LanguageModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.parameters().parameters().keySet().forEach(name -> values.put(name, model.parameters().read(name)));
        return values;
    }
}
