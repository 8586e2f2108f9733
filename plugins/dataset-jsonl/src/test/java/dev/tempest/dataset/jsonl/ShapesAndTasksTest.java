package dev.tempest.dataset.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.Task;
import dev.tempest.api.TextRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a row's keys choose its shape, one shape per file, and task rows as {@code tempest verify} reads them. */
class ShapesAndTasksTest {

    @TempDir Path dir;

    @Test
    void aRowWithTheKeysOfTwoShapesIsRejectedNamingBoth() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "mixed.jsonl",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Sky?\"}], \"prompt\": \"Sky?\"}",
                "{\"prompt\": \"p\", \"completion\": \"c\", \"verifier\": \"math\"}",
                "{\"text\": \"t\", \"chosen\": \"a\", \"rejected\": \"b\"}",
                "{\"prompt\": \"p\", \"chosen\": \"a\", \"rejected\": \"b\", \"completion\": \"c\"}",
                "{\"text\": \"the first row with one shape\"}");
        Path file = dir.resolve("mixed.jsonl");

        assertEquals(List.of(new RecordingSink.Row(5, new TextRecord("the first row with one shape"))), sink.accepted);
        assertEquals(List.of(
                file + ":1: mixes row shapes: \"messages\" makes a chat row, which takes no \"prompt\"",
                file + ":2: mixes row shapes: \"completion\" makes a prompt/completion row, which takes no \"verifier\"",
                file + ":3: mixes row shapes: \"text\" makes a text row, which takes no \"chosen\"",
                file + ":4: mixes row shapes: \"completion\" makes a prompt/completion row, which takes no \"chosen\""),
                sink.rejected);
    }

    @Test
    void theFirstRowWithAShapeFixesTheFilesAndARowOfNoShapeIsMissingItsKey() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "shapes.jsonl",
                "{\"prompt\": \"a prompt alone\"}",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Sky?\"}], \"text\": null}",
                "{\"text\": \"a document\"}",
                "{\"prompt\": \"p\", \"verifier\": \"math\"}",
                "{\"content\": \"Sky?\"}");
        Path file = dir.resolve("shapes.jsonl");

        assertEquals(List.of(new RecordingSink.Row(2, new ChatRecord(List.of(ChatMessage.user("Sky?"))))), sink.accepted);
        assertEquals(List.of(
                file + ":1: no row shape: expected \"text\", \"messages\", \"prompt\" with \"completion\", \"prompt\" with"
                        + " \"chosen\" and \"rejected\", or \"prompt\" with \"verifier\"",
                file + ":3: a text row, but line 2 made this a file of chat rows",
                file + ":4: a task row, but line 2 made this a file of chat rows",
                file + ":5: missing field \"messages\""), sink.rejected);
    }

    @Test
    void readsTaskRowsWithTheRulesOfTempestVerify() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "tasks.jsonl",
                "{\"id\": \"half\", \"prompt\": \"1/2 as a decimal?\", \"verifier\": \"math\", \"answer\": \"0.5\", \"hint\": null}",
                "{\"prompt\": \"Sort [2,1]\", \"verifier\": \"code\", \"language\": \"python\", \"tests\": [\"assert f([2,1]) == [1,2]\"]}",
                "{\"id\": \"half\", \"prompt\": \"0.5 as a fraction?\", \"verifier\": \"math\", \"answer\": \"1/2\"}",
                "{\"id\": 4.5, \"prompt\": \"p\", \"verifier\": \"math\"}",
                "{\"prompt\": \"p\", \"verifier\": 3}",
                "{\"prompt\": \"p\"}");
        Path file = dir.resolve("tasks.jsonl");

        assertEquals(List.of(
                new RecordingSink.Row(1, new Task("half", "1/2 as a decimal?", "math", Map.of("answer", "0.5"))),
                new RecordingSink.Row(2, new Task("2", "Sort [2,1]", "code",
                        Map.of("language", "python", "tests", List.of("assert f([2,1]) == [1,2]"))))), sink.accepted);
        assertEquals(List.of(
                file + ":3: task id \"half\" is used by an earlier task (line 1)",
                file + ":4: field \"id\" must be a string or an integer, got number",
                file + ":5: field \"verifier\" must be a string, got number",
                file + ":6: missing field \"verifier\""), sink.rejected);
    }
}
