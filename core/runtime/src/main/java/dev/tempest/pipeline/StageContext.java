package dev.tempest.pipeline;

import dev.tempest.run.StageMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What a running stage may use: its own folder in the run folder, its lines of the run's metrics, and the console. */
public record StageContext(Path dir, StageMetrics metrics, PrintWriter console) {
}
