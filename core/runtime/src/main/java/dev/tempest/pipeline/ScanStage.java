package dev.tempest.pipeline;

import dev.tempest.api.DatasetLoader;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.ScanStageConfig;
import dev.tempest.data.BadRowException;
import dev.tempest.data.RowTally;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads every row of a data set and reports how many were read and rejected. */
final class ScanStage implements Stage {

    private final ScanStageConfig config;
    private final DatasetLoader loader;

    ScanStage(ScanStageConfig config, DatasetLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        DatasetConfig dataset = config.dataset();
        if (!Files.isRegularFile(dataset.path())) {
            throw new RunException(dataset.path() + ": no such data file");
        }
        if (!loader.accepts(dataset.path())) {
            throw new RunException(dataset.path() + ": the '" + dataset.loader() + "' loader does not read this kind of file");
        }
        RowTally tally;
        try (ConsoleProgress progress = new ConsoleProgress(config.name(), "rows", -1)) {
            tally = new RowTally(dataset.onBadRow(), record -> progress.step());
            loader.read(dataset.path(), tally);
        } catch (BadRowException e) {
            throw new RunException(e.getMessage() + " (on_bad_row: stop)");
        }
        context.console().printf("  %,d rows read, %,d rejected%n", tally.rows(), tally.badRows());
        for (String bad : tally.firstBadRows()) {
            context.console().println("  rejected " + bad);
        }
        if (tally.badRows() > tally.firstBadRows().size()) {
            context.console().printf("  ... and %,d more%n", tally.badRows() - tally.firstBadRows().size());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", tally.rows());
        summary.put("bad_rows", tally.badRows());
        return summary;
    }
}
