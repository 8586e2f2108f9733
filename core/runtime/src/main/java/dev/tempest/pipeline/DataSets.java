package dev.tempest.pipeline;

import dev.tempest.api.DataRecord;
import dev.tempest.api.DatasetLoader;
import dev.tempest.config.DatasetConfig;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.data.BadRowException;
import dev.tempest.data.DataFile;
import dev.tempest.data.RowTally;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What every stage does with its data set: check it before the run, read it under the bad-row policy, report the count. */
final class DataSets {

    private DataSets() {
    }

    /** Refuses a data set that is not a readable file, or that its loader does not read, naming {@code field}. */
    static void check(String field, DatasetConfig dataset, DatasetLoader loader) {
        DataFile.problem(dataset.path()).ifPresent(problem -> {
            throw new InvalidFieldException(field + ".path", problem);
        });
        if (!loader.accepts(dataset.path())) {
            throw new InvalidFieldException(field + ".loader", "the '" + dataset.loader() + "' loader does not read "
                    + dataset.path().getFileName() + "; choose the loader for this kind of file (tempest plugins lists them)");
        }
    }

    /** Reads every row; a rejected row stops the run under {@code on_bad_row: stop}. */
    static RowTally read(DatasetConfig dataset, DatasetLoader loader, Consumer<DataRecord> onRow)
            throws RunException, IOException {
        RowTally tally = new RowTally(dataset.onBadRow(), onRow);
        try {
            loader.read(dataset.path(), tally);
        } catch (BadRowException e) {
            throw new RunException(e.getMessage() + " (on_bad_row: stop)");
        }
        return tally;
    }

    /** Prints the counts and the first rejected rows; returns the counts for the stage's summary. */
    static Map<String, Object> report(long rows, long badRows, List<String> firstBadRows, PrintWriter console) {
        console.printf("  %,d rows read, %,d rejected%n", rows, badRows);
        for (String bad : firstBadRows) {
            console.println("  rejected " + bad);
        }
        if (badRows > firstBadRows.size() && !firstBadRows.isEmpty()) {
            console.printf("  ... and %,d more%n", badRows - firstBadRows.size());
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows", rows);
        counts.put("bad_rows", badRows);
        return counts;
    }
}
