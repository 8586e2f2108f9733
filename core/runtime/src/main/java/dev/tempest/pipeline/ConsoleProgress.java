package dev.tempest.pipeline;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on standard error when it is an interactive terminal, and nothing where output
 * goes to a file or a CI log (the stage's summary line says what was done).
 */
final class ConsoleProgress implements AutoCloseable {

    private final ProgressBar bar; // null when not interactive

    /** A bar for {@code total} units of work, or an open-ended count when {@code total} is -1. */
    ConsoleProgress(String task, String unit, long total) {
        this.bar = System.console() == null ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Moves the bar to {@code done} units, with {@code status} (loss, speed) beside it. */
    void stepTo(long done, String status) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(status);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
