package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.opencl.OpenClPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs bin/tempest of the assembled distribution, as a user does after {@code mvn package}. */
class DistributionIT {

    private static final Path DISTRIBUTION = Distribution.HOME;
    private static final Path REPOSITORY = Distribution.REPOSITORY;

    @TempDir Path dir;

    @Test
    void pluginsListsTheBundledPluginsWithTheirExtensions() throws Exception {
        Distribution.Result plugins = tempest("plugins");

        assertEquals(0, plugins.exitCode(), plugins.out());
        assertTrue(plugins.out().lines().anyMatch(line -> line.matches("dataset-jsonl\\s+0\\.1\\.0\\s+STARTED\\s+DatasetLoader jsonl")),
                plugins.out());
        for (String verifier : new String[] {"code", "logic", "math"}) {
            assertTrue(plugins.out().lines().anyMatch(line ->
                    line.matches("verifier-" + verifier + "\\s+0\\.1\\.0\\s+STARTED\\s+Verifier " + verifier)), plugins.out());
        }
        assertTrue(plugins.out().lines().anyMatch(line -> line.matches("reward-model\\s+0\\.1\\.0\\s+STARTED\\s+RewardModel reward-model")),
                plugins.out());
    }

    @Test
    void theBundledVerifiersScoreTheVerifyExample() throws Exception {
        Path example = REPOSITORY.resolve("examples/verify");

        Distribution.Result verify = tempest("verify", "--task", example.resolve("tasks.jsonl").toString(),
                "--completions", example.resolve("completions.jsonl").toString());

        assertEquals(0, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("8 completions: 5 CORRECT, 3 INCORRECT, 0 NO_ANSWER, 0 TIMEOUT, 0 ERROR"),
                verify.out());
    }

    @Test
    void theBundledExampleRunsThroughTheBundledPlugin() throws Exception {
        Path out = dir.resolve("run");

        Distribution.Result run = tempest("run", REPOSITORY.resolve("examples/scan-corpus/pipeline.yaml").toString(),
                "--output", out.toString());

        assertEquals(0, run.exitCode(), run.out());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(2, metrics.size());
        assertTrue(metrics.get(0).matches("\\{\"stage\":\"stories\",\"done\":true,.*\"rows\":24,\"bad_rows\":0,.*"),
                metrics.get(0));
        assertTrue(metrics.get(1).matches("\\{\"stage\":\"notes\",\"done\":true,.*\"rows\":3,\"bad_rows\":0,.*"),
                metrics.get(1));
    }

    @Test
    void aShortPretrainingRunBeatsTheUnigramBaselineAndWritesAHuggingFaceModel() throws Exception {
        Path pipeline = tinyPretraining(40, "eval_every: 20\n    checkpoint_every: 20");
        Path out = dir.resolve("run");

        Distribution.Result run = tempest("run", pipeline.toString(), "--output", out.toString());

        assertEquals(0, run.exitCode(), run.out());
        String summary = Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .filter(line -> line.contains("\"unigram_val_loss\"")).findFirst().orElseThrow();
        double heldOut = number(summary, "val_loss");
        double unigram = number(summary, "unigram_val_loss");
        assertTrue(heldOut < unigram, "held-out loss " + heldOut + " must beat the unigram baseline " + unigram);
        for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            assertTrue(Files.isRegularFile(out.resolve("pretrain/model").resolve(file)), file);
        }
        assertTrue(Files.isRegularFile(out.resolve("pretrain/checkpoints/step-00000040/optimizer.safetensors")));

        Distribution.Result again = tempest("run", pipeline.toString(), "--output", out.toString());
        assertEquals(5, again.exitCode(), again.out());
        assertTrue(again.out().contains(out + " holds a finished run; choose another --output, or pass --overwrite"),
                again.out());
        Distribution.Result resumed = tempest("run", pipeline.toString(), "--output", out.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.out());
        assertTrue(resumed.out().contains("[1/1] pretrain: finished in an earlier attempt; kept"), resumed.out());

        Distribution.Result generated = tempest("generate", out.resolve("pretrain/model").toString(), "--prompt", "In the morning,",
                "--max-tokens", "8", "--temperature", "0");
        assertEquals(0, generated.exitCode(), generated.out());
        assertTrue(generated.out().lines().anyMatch(line -> line.startsWith("In the morning,")
                && line.length() > "In the morning,".length()), generated.out());
    }

    @Test
    void aFewPretrainingStepsOnOpenClGiveTheCpuLosses() throws Exception {
        List<String> devices = OpenClPlatform.devices();
        Path pipeline = tinyPretraining(6, "");

        List<Double> cpu = stepLosses(pipeline, "cpu");
        for (String device : devices) {
            List<Double> opencl = stepLosses(pipeline, device);
            assertEquals(cpu.size(), opencl.size());
            for (int step = 0; step < cpu.size(); step++) {
                // float32 round-off of another order of sums, grown through six optimiser steps
                assertEquals(cpu.get(step), opencl.get(step), 1e-4, device + " loss at step " + (step + 1));
            }
        }
    }

    @Test
    void devicesListsTheCpuAndEveryOpenClDeviceAndAnUnknownBackendIsRefused() throws Exception {
        List<String> openCl = OpenClPlatform.devices();

        Distribution.Result devices = tempest("devices");
        Distribution.Result unknown = tempest("generate", dir.toString(), "--prompt", "x", "--device", "cuda:0");

        assertEquals(0, devices.exitCode(), devices.out());
        assertTrue(devices.out().lines().anyMatch(line -> line.matches("cpu\\s+CPU\\s+.*")), devices.out());
        for (String spec : openCl) {
            assertTrue(devices.out().lines().anyMatch(line -> line.startsWith(spec + " ")), devices.out());
        }
        assertEquals(4, unknown.exitCode(), unknown.out());
        assertTrue(unknown.out().contains("no BackendProvider 'cuda' (installed: cpu, opencl)"), unknown.out());
    }

    private Path tinyPretraining(int steps, String more) throws IOException {
        return Distribution.tinyPretraining(dir.resolve("pretrain.yaml"), steps, more);
    }

    /** The loss of every step of a run of {@code pipeline} on {@code device}, from its metrics. */
    private List<Double> stepLosses(Path pipeline, String device) throws Exception {
        Path out = dir.resolve("run-" + device.replace(':', '-'));
        Distribution.Result run = tempest("run", pipeline.toString(), "--output", out.toString(), "--device", device);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("device " + device), run.out());
        return Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .filter(line -> line.contains("\"grad_norm\""))
                .map(line -> number(line, "loss"))
                .toList();
    }

    private static double number(String jsonLine, String key) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(jsonLine);
        assertTrue(value.find(), key + " in " + jsonLine);
        return Double.parseDouble(value.group(1));
    }

    @Test
    void thePresetsShippedInTheDistributionValidateAgainstItsPlugins() throws Exception {
        Distribution.Result validate = tempest("config", "validate", DISTRIBUTION.resolve("config/pipelines/reference.yaml").toString(),
                DISTRIBUTION.resolve("config/pipelines/sft.yaml").toString(),
                DISTRIBUTION.resolve("config/pipelines/reward_model.yaml").toString(),
                DISTRIBUTION.resolve("config/pipelines/grpo.yaml").toString());

        assertEquals(0, validate.exitCode(), validate.out());
    }

    @Test
    void configShowPrintsTheFileAsReadWithEveryDefault() throws Exception {
        Distribution.Result show = tempest("config", "show", DISTRIBUTION.resolve("config/pipelines/reference.yaml").toString());

        assertEquals(0, show.exitCode(), show.out());
        assertTrue(show.out().contains("name: reference\noutput: runs/reference\nstages:\n- kind: scan\n"), show.out());
        assertTrue(show.out().contains("  keep_checkpoints: 3\n"), show.out());
    }

    @Test
    void runningOutOfMemorySaysHowToGiveMoreInsteadOfATrace() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("big.yaml"), Files.readString(tinyPretraining(2, ""))
                .replace("{n_embd: 32, n_layer: 2, n_head: 2, n_positions: 32}", "{n_embd: 2048, n_layer: 12, n_head: 16, n_positions: 32}"));

        Distribution.Result run = Distribution.run(dir, Map.of("TEMPEST_OPTS", "-Xmx96m"), "run", pipeline.toString(),
                "--output", dir.resolve("run").toString());

        assertEquals(5, run.exitCode(), run.out());
        assertTrue(run.out().contains("tempest: out of memory: this JVM may use at most "), run.out());
        assertTrue(run.out().contains(" MiB; give it more with TEMPEST_OPTS=-Xmx<size> (for example TEMPEST_OPTS=-Xmx16g),"
                + " or make the model or the batch smaller\n"), run.out());
        assertFalse(run.out().contains("\tat "), "no stack trace: " + run.out());
    }

    private Distribution.Result tempest(String... args) throws IOException, InterruptedException {
        return Distribution.run(dir, args);
    }
}
