package dev.tempest.data;

import dev.tempest.api.DataRecord;
import dev.tempest.api.RowSink;
import dev.tempest.api.SourceLocation;
import dev.tempest.config.BadRowPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Counts the rows a loader reads and applies the bad-row policy to those it rejects: under
 * {@code skip} it counts them and keeps the first few to show; under {@code stop} the first one
 * ends the read with a {@link BadRowException}.
 */
public final class RowTally implements RowSink {

    /** How many rejected rows are kept to show; the rest are only counted. */
    public static final int SHOWN_BAD_ROWS = 5;

    private final BadRowPolicy policy;
    private final Consumer<DataRecord> onRow;
    private final List<String> firstBadRows = new ArrayList<>();
    private long rows;
    private long badRows;

    public RowTally(BadRowPolicy policy, Consumer<DataRecord> onRow) {
        this.policy = policy;
        this.onRow = onRow;
    }

    @Override
    public void accept(SourceLocation at, DataRecord record) {
        rows++;
        onRow.accept(record);
    }

    @Override
    public void reject(SourceLocation at, String reason) {
        if (policy == BadRowPolicy.STOP) {
            throw new BadRowException(at, reason);
        }
        badRows++;
        if (firstBadRows.size() < SHOWN_BAD_ROWS) {
            firstBadRows.add(at + ": " + reason);
        }
    }

    public long rows() {
        return rows;
    }

    public long badRows() {
        return badRows;
    }

    /** The first {@value #SHOWN_BAD_ROWS} rejected rows, as {@code file:line: reason}. */
    public List<String> firstBadRows() {
        return List.copyOf(firstBadRows);
    }
}
