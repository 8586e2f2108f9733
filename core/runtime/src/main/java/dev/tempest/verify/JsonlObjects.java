package dev.tempest.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.SourceLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON objects of a JSONL file, each with its line; a line that is not an object is an error naming it. */
final class JsonlObjects {

    /** One object and where it stands. */
    record Row(SourceLocation at, Map<String, Object> fields) {

        /** The string field {@code name}; an IOException naming file, line and field if absent or not a string. */
        String string(String name) throws IOException {
            if (fields.get(name) instanceof String value) {
                return value;
            }
            throw new IOException(at + ": field \"" + name + "\" must be a string, got "
                    + (fields.containsKey(name) ? fields.get(name) : "nothing"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private JsonlObjects() {
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                SourceLocation at = new SourceLocation(file, number);
                try {
                    rows.add(new Row(at, JSON.readValue(line, OBJECT)));
                } catch (JsonProcessingException e) {
                    throw new IOException(at + ": not a JSON object: " + e.getOriginalMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        return rows;
    }
}
