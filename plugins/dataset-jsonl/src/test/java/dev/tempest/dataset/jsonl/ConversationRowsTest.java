package dev.tempest.dataset.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.DataRecord;
import dev.tempest.api.Messages;
import dev.tempest.api.PreferencePair;
import dev.tempest.api.PromptCompletion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation shapes of TRL: messages, prompt/completion and preference pairs, in both forms. */
class ConversationRowsTest {

    private static final String USER_SKY = "{\"role\": \"user\", \"content\": \"Sky?\"}";
    private static final String ASSISTANT_BLUE = "{\"role\": \"assistant\", \"content\": \"Blue.\"}";
    private static final String ASSISTANT_GREEN = "{\"role\": \"assistant\", \"content\": \"Green.\"}";

    @TempDir Path dir;

    @Test
    void readsMultiTurnMessagesIgnoringKeysOfNoShape() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "chat.jsonl",
                "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, " + USER_SKY + ", " + ASSISTANT_BLUE
                        + ", {\"role\": \"user\", \"content\": \"Sure?\"}, {\"role\": \"assistant\", \"content\": \"Yes.\"}]}",
                "{\"messages\": [" + USER_SKY + "], \"source\": \"forum\", \"prompt\": null}");

        assertEquals(List.of(
                row(1, new ChatRecord(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Sky?"),
                        ChatMessage.assistant("Blue."), ChatMessage.user("Sure?"), ChatMessage.assistant("Yes.")))),
                row(2, new ChatRecord(List.of(ChatMessage.user("Sky?"))))), sink.accepted);
        assertEquals(List.of(), sink.rejected);
    }

    @Test
    void eachBadMessageIsRejectedNamingItsFieldAndTheRestAreRead() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "chat.jsonl",
                "{\"messages\": [" + USER_SKY + ", " + ASSISTANT_BLUE + "]}",
                "{\"messages\": []}",
                "{\"messages\": \"Sky? Blue.\"}",
                "{\"messages\": [" + USER_SKY + ", {\"role\": \"tool\", \"content\": \"{}\"}]}",
                "{\"messages\": [{\"role\": \"user\"}]}",
                "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Sky?\"}]}]}",
                "{\"messages\": [{\"role\": 1, \"content\": \"Sky?\"}]}",
                "{\"messages\": [\"Sky?\"]}",
                "{\"messages\": [" + ASSISTANT_GREEN + "]}");
        Path file = dir.resolve("chat.jsonl");

        assertEquals(List.of(1L, 9L), sink.accepted.stream().map(RecordingSink.Row::line).toList());
        assertEquals(List.of(
                file + ":2: field \"messages\": the message list is empty",
                file + ":3: field \"messages\" must be a list of messages, got string",
                file + ":4: field \"messages[1]\": role \"tool\" is not one of system, user, assistant",
                file + ":5: missing field \"messages[0].content\"",
                file + ":6: field \"messages[0].content\" must be a string, got array",
                file + ":7: field \"messages[0].role\" must be a string, got number",
                file + ":8: field \"messages[0]\" must be a message object, got string"), sink.rejected);
    }

    @Test
    void readsPromptCompletionAsStringsOrAsMessageLists() throws IOException {
        RecordingSink standard = RecordingSink.read(dir, "standard.jsonl",
                "{\"prompt\": \"The sky is\", \"completion\": \" blue.\"}");
        RecordingSink conversational = RecordingSink.read(dir, "conversational.jsonl",
                "{\"prompt\": [" + USER_SKY + "], \"completion\": [" + ASSISTANT_BLUE + "]}");

        assertEquals(List.of(row(1, new PromptCompletion("The sky is", " blue."))), standard.accepted);
        assertEquals(List.of(row(1, new PromptCompletion(sky(), blue()))), conversational.accepted);
    }

    @Test
    void eachBadPromptCompletionRowIsRejectedWithItsReason() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "pairs.jsonl",
                "{\"prompt\": \"The sky is\", \"completion\": \" blue.\"}",
                "{\"prompt\": \"The sky is\", \"completion\": 3}",
                "{\"prompt\": \"Sky?\", \"completion\": [" + ASSISTANT_BLUE + "]}",
                "{\"prompt\": [], \"completion\": [" + ASSISTANT_BLUE + "]}",
                "{\"prompt\": [" + USER_SKY + "], \"completion\": [" + ASSISTANT_BLUE + ", " + USER_SKY + "]}",
                "{\"completion\": \" blue.\"}",
                "{\"prompt\": \"The sky is\"}");
        Path file = dir.resolve("pairs.jsonl");

        assertEquals(List.of(1L), sink.accepted.stream().map(RecordingSink.Row::line).toList());
        assertEquals(List.of(
                file + ":2: field \"completion\" must be a string or a list of messages, got number",
                file + ":3: \"prompt\" is a string but \"completion\" is a message list; the parts of a row take one form",
                file + ":4: field \"prompt\": the message list is empty",
                file + ":5: \"completion[1]\" is a user turn; \"completion\" holds the assistant's answer, assistant turns only",
                file + ":6: missing field \"prompt\"",
                file + ":7: missing field \"completion\""), sink.rejected);
    }

    @Test
    void readsPreferencePairsWithAPromptAndWithTheImplicitOne() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "preferences.jsonl",
                "{\"prompt\": [" + USER_SKY + "], \"chosen\": [" + ASSISTANT_BLUE + "], \"rejected\": [" + ASSISTANT_GREEN + "]}",
                "{\"chosen\": [" + USER_SKY + ", " + ASSISTANT_BLUE + "], \"rejected\": [" + USER_SKY + ", " + ASSISTANT_GREEN + "]}");
        RecordingSink standard = RecordingSink.read(dir, "standard.jsonl",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\"}");

        PreferencePair expected = new PreferencePair(sky(), blue(), new Messages(List.of(ChatMessage.assistant("Green."))));
        assertEquals(List.of(row(1, expected), row(2, expected)), sink.accepted);
        assertEquals(List.of(row(1, new PreferencePair("The sky is", " blue.", " green."))), standard.accepted);
    }

    @Test
    void eachBadPreferenceRowIsRejectedWithItsReason() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "preferences.jsonl",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\"}",
                "{\"chosen\": \"The sky is blue.\", \"rejected\": \"The sky is green.\"}",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\"}",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": [\" green.\"]}",
                "{\"chosen\": [" + USER_SKY + ", " + ASSISTANT_BLUE + "], \"rejected\": [" + ASSISTANT_GREEN + "]}");
        Path file = dir.resolve("preferences.jsonl");

        assertEquals(List.of(1L), sink.accepted.stream().map(RecordingSink.Row::line).toList());
        assertEquals(List.of(
                file + ":2: \"chosen\" and \"rejected\" without \"prompt\" must be message lists that share their first"
                        + " turns (the implicit prompt); strings need a \"prompt\"",
                file + ":3: missing field \"rejected\"",
                file + ":4: field \"rejected[0]\" must be a message object, got string",
                file + ":5: \"chosen\" and \"rejected\" without \"prompt\" differ from their first turn; the turns they"
                        + " share are the prompt, and they share none"), sink.rejected);
    }

    @Test
    void readsTrlsMarginOfAPreferenceAndRefusesOneThatIsNoNumber() throws IOException {
        RecordingSink sink = RecordingSink.read(dir, "preferences.jsonl",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\", \"margin\": 2.5}",
                "{\"chosen\": [" + USER_SKY + ", " + ASSISTANT_BLUE + "], \"rejected\": [" + USER_SKY + ", " + ASSISTANT_GREEN
                        + "], \"margin\": -1}",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\", \"margin\": \"high\"}",
                "{\"prompt\": \"The sky is\", \"chosen\": \" blue.\", \"rejected\": \" green.\", \"margin\": null}");
        Path file = dir.resolve("preferences.jsonl");

        assertEquals(List.of(row(1, new PreferencePair("The sky is", " blue.", " green.").withMargin(2.5)),
                row(2, new PreferencePair(sky(), blue(), new Messages(List.of(ChatMessage.assistant("Green."))), -1)),
                row(4, new PreferencePair("The sky is", " blue.", " green."))), sink.accepted);
        assertEquals(List.of(file + ":3: field \"margin\" must be a finite number, got string"), sink.rejected);
    }

    private static Messages sky() {
        return new Messages(List.of(ChatMessage.user("Sky?")));
    }

    private static Messages blue() {
        return new Messages(List.of(ChatMessage.assistant("Blue.")));
    }

    private static RecordingSink.Row row(long line, DataRecord record) {
        return new RecordingSink.Row(line, record);
    }
}
