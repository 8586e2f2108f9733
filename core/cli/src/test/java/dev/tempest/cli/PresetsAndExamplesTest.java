package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tempest.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The presets document every option and the examples are what users run first: both must load. */
class PresetsAndExamplesTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).resolve("../..").normalize();

    @TestFactory
    List<DynamicTest> everyPresetAndExamplePipelineLoadsStrictly() throws IOException {
        List<Path> files = pipelineFiles();
        assertFalse(files.isEmpty(), "no pipeline files under " + REPOSITORY);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(REPOSITORY.relativize(file).toString(), () -> ConfigLoader.load(file)))
                .toList();
    }

    private static List<Path> pipelineFiles() throws IOException {
        try (Stream<Path> presets = Files.walk(REPOSITORY.resolve("config/pipelines"));
             Stream<Path> examples = Files.walk(REPOSITORY.resolve("examples"))) {
            return Stream.concat(presets, examples)
                    .filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .sorted()
                    .toList();
        }
    }
}
