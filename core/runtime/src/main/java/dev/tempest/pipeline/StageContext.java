package dev.tempest.pipeline;

import dev.tempest.run.MetricsLog;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What a running stage may use: its own folder in the run folder, the run's metrics log, and the console. */
public record StageContext(Path dir, MetricsLog metrics, PrintWriter console) {
}
