package dev.tempest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, each line written whole with one call, so
 * that a run that dies keeps every metric it logged. A resumed run cuts the log back to where
 * its checkpoint was taken, so that the log of a run that was interrupted and resumed equals the
 * log of one that was not.
 */
public final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A whole line of the log and the offset just past it. */
    public record Line(JsonNode values, long end) {
    }

    private final FileChannel channel;

    public MetricsLog(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Appends {@code values} (in their iteration order) as one line. */
    public synchronized void log(Map<String, Object> values) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(values) + "\n").getBytes(StandardCharsets.UTF_8));
        channel.position(channel.size());
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /**
     * Lines for {@code stage}, which begin at byte {@code start}: the log's size for a stage that
     * starts now, where the earlier stages' lines end for one that is resumed.
     */
    public StageMetrics forStage(String stage, long start) {
        return new StageMetrics(this, stage, start);
    }

    /** The log's length in bytes: where the next line starts. */
    public synchronized long size() throws IOException {
        return channel.size();
    }

    /** Drops everything after the first {@code size} bytes. */
    public synchronized void truncate(long size) throws IOException {
        channel.truncate(size);
    }

    /** The whole lines of {@code file}; a last line cut short by a crash is left out. */
    public static List<Line> read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                JsonNode values = parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                if (values == null) {
                    break;
                }
                lines.add(new Line(values, i + 1));
                start = i + 1;
            }
        }
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException damaged) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
