package dev.tempest.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code tempest-run.json}: marks a folder as a Tempest run folder, the only kind {@code --overwrite}
 * may empty, and says how the run stands, so that a refusal can say what to do.
 *
 * @param status  {@code running} (or interrupted, when nobody holds the lock), {@code failed} or {@code finished}
 * @param failure why a failed run stopped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunMarker(String run, String tempestVersion, String created, String status, String failure) {

    static final String FILE = "tempest-run.json";
    static final String RUNNING = "running";
    static final String FAILED = "failed";
    static final String FINISHED = "finished";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    static RunMarker started(String run, String tempestVersion) {
        return new RunMarker(run, tempestVersion, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), RUNNING, null);
    }

    RunMarker with(String status, String failure) {
        return new RunMarker(run, tempestVersion, created, status, failure);
    }

    /** The marker of {@code dir}; empty when the folder is not a Tempest run folder. */
    static Optional<RunMarker> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunMarker.class));
        } catch (IOException damaged) {
            // Written atomically, so damage is not Tempest's; the file still says whose folder this is.
            return Optional.of(new RunMarker(null, null, null, RUNNING, null));
        }
    }

    void write(Path dir) throws IOException {
        AtomicFile.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** What to do with a folder holding this run, for one who tried to start a new run in it. */
    String advice(Path dir) {
        return switch (status) {
            case FINISHED -> dir + " holds a finished run; choose another --output, or pass --overwrite to replace it";
            case FAILED -> dir + " holds a run that failed (" + failure + "); continue it with --resume,"
                    + " or start over with --overwrite";
            default -> dir + " holds a run that was interrupted; continue it with --resume, or start over with --overwrite";
        };
    }
}
