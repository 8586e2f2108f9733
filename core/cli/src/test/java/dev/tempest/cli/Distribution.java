package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.plugin.PluginJarBuilder;
import dev.tempest.plugin.TestPlugins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The assembled distribution's bin/tempest, run as a process in a folder, as a user runs it. */
final class Distribution {

    static final Path HOME = Path.of(System.getProperty("tempest.distribution"));
    static final Path REPOSITORY = Path.of(System.getProperty("tempest.repository")).normalize();

    /** What a finished bin/tempest printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String out) {
    }

    private Distribution() {
    }

    /** Runs bin/tempest with {@code args} in {@code dir} to the end (at most a minute). */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** As {@link #run(Path, String...)}, with {@code environment} added to the process's. */
    static Result run(Path dir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tempest", ".log");
        Process process = start(dir, log, environment, args);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/tempest did not finish");
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts bin/tempest with {@code args} in {@code dir}, its output going to {@code log}. */
    static Process start(Path dir, Path log, String... args) throws IOException {
        return start(dir, log, Map.of(), args);
    }

    private static Process start(Path dir, Path log, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/tempest").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("TEMPEST_PLUGINS_DIR");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * A pipeline that pre-trains as {@link #tinyPretraining} does for 5 steps, then runs GRPO on
     * {@code tasks}, two prompts a rollout on two threads, with {@code settings} (a line each).
     */
    static Path tinyGrpo(Path file, Path tasks, String settings) throws IOException {
        Path pipeline = tinyPretraining(file, 5, "");
        return Files.writeString(pipeline, Files.readString(pipeline) + """
                  - kind: grpo
                    name: grpo
                    model: {from: pretrain}
                    tasks: %s
                    prompts_per_step: 2
                    threads: 2
                """.formatted(tasks) + settings);
    }

    /**
     * A plugins folder, {@code dir}/plugins, with the bundled model-gpt and dataset-jsonl, a
     * verifier {@code hangs} that hangs ten minutes deaf to interrupts, and {@code verifier}, id
     * {@code verifierId}; and {@code dir}/tasks.jsonl, a task for each of the two, named as it.
     */
    static Path pluginsWithAHangingVerifier(Path dir, PluginJarBuilder verifier, String verifierId) throws IOException {
        Path plugins = pluginsFolder(dir.resolve("plugins"), "model-gpt", "dataset-jsonl");
        TestPlugins.hangingVerifier("verifier-hangs", "hangs", 600).writeTo(plugins.resolve("verifier-hangs-1.0.0.jar"));
        verifier.writeTo(plugins.resolve("verifier-" + verifierId + "-1.0.0.jar"));
        Files.writeString(dir.resolve("tasks.jsonl"), """
                {"id": "hangs", "prompt": "Once upon a time", "verifier": "hangs"}
                {"id": "%s", "prompt": "The little dog", "verifier": "%s"}
                """.formatted(verifierId, verifierId));
        return plugins;
    }

    /** The plugins folder {@code folder}, made to hold the bundled plugins whose jars' names start with one of {@code ids}. */
    static Path pluginsFolder(Path folder, String... ids) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> bundled = Files.list(HOME.resolve("plugins"))) {
            for (Path jar : bundled.toList()) {
                String name = jar.getFileName().toString();
                if (Stream.of(ids).anyMatch(id -> name.startsWith(id + "-"))) {
                    Files.copy(jar, folder.resolve(name));
                }
            }
        }
        return folder;
    }

    /** A pipeline that pre-trains a 2-layer GPT-2 for {@code steps} steps on the shipped stories, with {@code more} settings. */
    static Path tinyPretraining(Path file, int steps, String more) throws IOException {
        return Files.writeString(file, """
                name: pretrain-test
                stages:
                  - kind: pretrain
                    name: pretrain
                    dataset: {loader: jsonl, path: %s}
                    model:
                      architecture: gpt2
                      config: {n_embd: 32, n_layer: 2, n_head: 2, n_positions: 32}
                    vocab_size: 300
                    batch_size: 4
                    sequence_length: 32
                    steps: %d
                    learning_rate: 0.01
                    threads: 2
                    %s
                """.formatted(REPOSITORY.resolve("examples/pretrain/data/stories.jsonl"), steps, more));
    }
}
