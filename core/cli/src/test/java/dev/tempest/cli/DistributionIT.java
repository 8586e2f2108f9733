package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs bin/tempest of the assembled distribution, as a user does after {@code mvn package}. */
class DistributionIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("tempest.distribution"));
    private static final Path REPOSITORY = Path.of(System.getProperty("tempest.repository")).normalize();

    @TempDir Path dir;

    record Result(int exitCode, String out) {
    }

    @Test
    void pluginsListsTheBundledPluginsWithTheirExtensions() throws Exception {
        Result plugins = tempest("plugins");

        assertEquals(0, plugins.exitCode(), plugins.out());
        assertTrue(plugins.out().lines().anyMatch(line -> line.matches("dataset-jsonl\\s+0\\.1\\.0\\s+STARTED\\s+DatasetLoader jsonl")),
                plugins.out());
        for (String verifier : new String[] {"code", "logic", "math"}) {
            assertTrue(plugins.out().lines().anyMatch(line ->
                    line.matches("verifier-" + verifier + "\\s+0\\.1\\.0\\s+STARTED\\s+Verifier " + verifier)), plugins.out());
        }
    }

    @Test
    void theBundledVerifiersScoreTheVerifyExample() throws Exception {
        Path example = REPOSITORY.resolve("examples/verify");

        Result verify = tempest("verify", "--task", example.resolve("tasks.jsonl").toString(),
                "--completions", example.resolve("completions.jsonl").toString());

        assertEquals(0, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("8 completions: 5 CORRECT, 3 INCORRECT, 0 NO_ANSWER, 0 TIMEOUT, 0 ERROR"),
                verify.out());
    }

    @Test
    void theBundledExampleRunsThroughTheBundledPlugin() throws Exception {
        Path out = dir.resolve("run");

        Result run = tempest("run", REPOSITORY.resolve("examples/scan-corpus/pipeline.yaml").toString(),
                "--output", out.toString());

        assertEquals(0, run.exitCode(), run.out());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(2, metrics.size());
        assertTrue(metrics.get(0).contains("\"stage\":\"stories\",\"rows\":24,\"bad_rows\":0"), metrics.get(0));
        assertTrue(metrics.get(1).contains("\"stage\":\"notes\",\"rows\":3,\"bad_rows\":0"), metrics.get(1));
    }

    @Test
    void thePresetsShippedInTheDistributionValidateAgainstItsPlugins() throws Exception {
        Result validate = tempest("config", "validate", DISTRIBUTION.resolve("config/pipelines/reference.yaml").toString());

        assertEquals(0, validate.exitCode(), validate.out());
    }

    private Result tempest(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DISTRIBUTION.resolve("bin/tempest").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("TEMPEST_PLUGINS_DIR");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/tempest did not finish");
        return new Result(process.exitValue(), out);
    }
}
