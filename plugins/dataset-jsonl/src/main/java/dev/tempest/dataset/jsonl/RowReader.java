package dev.tempest.dataset.jsonl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.DataRecord;
import dev.tempest.api.PreferencePair;
import dev.tempest.api.PromptCompletion;
import dev.tempest.api.TaskRows;
import dev.tempest.api.TextRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON objects of one file into records. The first row whose keys make a shape fixes
 * the file's: a stage reads one kind of record from a data set, and a row of another shape is
 * far more likely a mistake (a file concatenated from two data sets) than a wish.
 */
final class RowReader {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ObjectMapper json;
    private final TaskRows tasks = new TaskRows();
    private RowShape fileShape;        // null until a row has a shape
    private long fileShapeLine;

    RowReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The record in {@code row}, a JSON object at line {@code line}.
     *
     * @throws IllegalArgumentException with the row's reason
     */
    DataRecord read(JsonNode row, long line) {
        return switch (shape(row, line)) {
            case TEXT -> new TextRecord(JsonFields.string(row, "text", "text"));
            case CHAT -> chat(row);
            case PROMPT_COMPLETION -> new PromptCompletion(JsonFields.part(row, "prompt"), JsonFields.part(row, "completion"));
            case PREFERENCE -> preference(row);
            case TASK -> tasks.read(json.convertValue(row, OBJECT), line);
        };
    }

    private static ChatRecord chat(JsonNode row) {
        List<ChatMessage> messages = JsonFields.messages(JsonFields.required(row, "messages", "messages"), "messages");
        return JsonFields.at("messages", () -> new ChatRecord(messages));
    }

    /** With its prompt, or TRL's implicit prompt: two conversations that share their first turns; and TRL's optional margin. */
    private static PreferencePair preference(JsonNode row) {
        PreferencePair pair = RowShape.present(row, "prompt")
                ? new PreferencePair(JsonFields.part(row, "prompt"), JsonFields.part(row, "chosen"), JsonFields.part(row, "rejected"))
                : PreferencePair.fromImplicitPrompt(JsonFields.part(row, "chosen"), JsonFields.part(row, "rejected"));
        return RowShape.present(row, "margin") ? pair.withMargin(JsonFields.number(row, "margin")) : pair;
    }

    /** The row's shape; a row whose keys make none is read as the file's, so that its reason is the field it lacks. */
    private RowShape shape(JsonNode row, long line) {
        Optional<RowShape> own = RowShape.of(row);
        if (fileShape == null) {
            fileShape = own.orElseThrow(() -> new IllegalArgumentException("no row shape: expected \"text\","
                    + " \"messages\", \"prompt\" with \"completion\", \"prompt\" with \"chosen\" and \"rejected\","
                    + " or \"prompt\" with \"verifier\""));
            fileShapeLine = line;
        } else if (own.isPresent() && own.get() != fileShape) {
            throw new IllegalArgumentException("a " + own.get().label + " row, but line " + fileShapeLine
                    + " made this a file of " + fileShape.label + " rows");
        }
        return fileShape;
    }
}
