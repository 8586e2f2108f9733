package dev.tempest.pipeline;

import dev.tempest.plugin.PluginHost;
import dev.tempest.run.MetricsLog;
import java.io.PrintStream;

/** What a running stage may use: the plugins, the run's metrics log, and the console. */
public record StageContext(PluginHost plugins, MetricsLog metrics, PrintStream console) {
}
