package dev.tempest.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stage's lines of {@code metrics.jsonl}, each naming the stage. A stage starts writing where
 * the log's earlier stages end; a resumed stage continues instead where its checkpoint was taken
 * ({@link #continueAt}), so the lines an interrupted attempt wrote after it are replaced.
 */
public final class StageMetrics {

    private final MetricsLog log;
    private final String stage;
    private long writeFrom;      // where this stage's lines begin, until the first is written
    private boolean writing;

    StageMetrics(MetricsLog log, String stage, long writeFrom) {
        this.log = log;
        this.stage = stage;
        this.writeFrom = writeFrom;
    }

    /** Appends {@code values} as one line, after {@code "stage"}. */
    public void log(Map<String, Object> values) throws IOException {
        if (!writing) {
            log.truncate(writeFrom);
            writing = true;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("stage", stage);
        line.putAll(values);
        log.log(line);
    }

    /** Where the next line will start: what a checkpoint records to be continued from. */
    public long position() throws IOException {
        return writing ? log.size() : writeFrom;
    }

    /**
     * Before the first line: continue after the lines that ended at {@code position}, those a
     * checkpoint saw, dropping any written later by an attempt that was interrupted.
     */
    public void continueAt(long position) throws IOException {
        if (writing) {
            throw new IllegalStateException("the stage has written lines already");
        }
        if (position < writeFrom || position > log.size()) {
            throw new IOException("the checkpoint was taken at byte " + position + " of metrics.jsonl, which holds "
                    + log.size() + " bytes from byte " + writeFrom + " on for this stage; was metrics.jsonl changed?"
                    + " Start the run over with --overwrite");
        }
        writeFrom = position;
    }
}
