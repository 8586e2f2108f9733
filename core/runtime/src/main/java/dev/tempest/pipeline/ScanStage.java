package dev.tempest.pipeline;

import dev.tempest.api.DatasetLoader;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.ScanStageConfig;
import dev.tempest.data.RowTally;
import java.io.IOException;
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
    public void check() {
        DataSets.check("dataset", config.dataset(), loader);
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        DatasetConfig dataset = config.dataset();
        RowTally tally;
        try (ConsoleProgress progress = new ConsoleProgress(config.name(), "rows", -1)) {
            tally = DataSets.read(dataset, loader, record -> progress.step());
        }
        return DataSets.report(tally.rows(), tally.badRows(), tally.firstBadRows(), context.console());
    }
}
