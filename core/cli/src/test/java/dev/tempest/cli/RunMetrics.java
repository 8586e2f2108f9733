package dev.tempest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a finished run's metrics.jsonl says. */
final class RunMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunMetrics() {
    }

    /** The done line of {@code stage} in the metrics of the run folder {@code run}: the stage's summary. */
    static JsonNode done(Path run, String stage) throws IOException {
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode values = JSON.readTree(line);
            if (values.path("done").asBoolean() && values.path("stage").asText().equals(stage)) {
                return values;
            }
        }
        throw new AssertionError("no done line for " + stage);
    }

    /** The training step lines of {@code stage} (those with a loss), in order. */
    static List<JsonNode> steps(Path run, String stage) throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode values = JSON.readTree(line);
            if (values.has("loss") && values.path("stage").asText().equals(stage)) {
                steps.add(values);
            }
        }
        return steps;
    }
}
