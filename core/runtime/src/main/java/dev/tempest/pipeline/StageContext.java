package dev.tempest.pipeline;

import dev.tempest.run.MetricsLog;
import java.io.PrintWriter;

/** What a running stage may use: the run's metrics log and the console. */
public record StageContext(MetricsLog metrics, PrintWriter console) {
}
