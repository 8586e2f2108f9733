package dev.tempest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsTest {

    private static final Messages QUESTION = new Messages(List.of(ChatMessage.user("2+2?")));

    @Test
    void aToolTurnIsRefusedNamingItsRole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChatMessage("tool", "{}"));

        assertEquals("role \"tool\" is not one of system, user, assistant", e.getMessage());
    }

    @Test
    void anEmptyMessageListIsRefusedAsAChatAndAsAPart() {
        assertEquals("the message list is empty",
                assertThrows(IllegalArgumentException.class, () -> new ChatRecord(List.of())).getMessage());
        assertEquals("the message list is empty",
                assertThrows(IllegalArgumentException.class, () -> new Messages(List.of())).getMessage());
    }

    @Test
    void aPromptAndCompletionMustTakeOneForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptCompletion(new PlainText("2+2?"), new Messages(List.of(ChatMessage.assistant("4")))));

        assertEquals("\"prompt\" is a string but \"completion\" is a message list; the parts of a row take one form",
                e.getMessage());
    }

    @Test
    void aConversationalCompletionHoldsAssistantTurnsOnly() {
        Messages answerThenQuestion = new Messages(List.of(ChatMessage.assistant("4"), ChatMessage.user("and 3+3?")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PromptCompletion(QUESTION, answerThenQuestion));

        assertEquals("\"completion[1]\" is a user turn; \"completion\" holds the assistant's answer, assistant turns only",
                e.getMessage());
    }

    @Test
    void aPreferencePairNamesThePartInAnotherForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PreferencePair(QUESTION, new Messages(List.of(ChatMessage.assistant("4"))), new PlainText("5")));

        assertEquals("\"prompt\" is a message list but \"rejected\" is a string; the parts of a row take one form",
                e.getMessage());
    }

    @Test
    void anImplicitPromptIsTheTurnsBothConversationsShare() {
        List<ChatMessage> shared = List.of(ChatMessage.system("Be brief."), ChatMessage.user("2+2?"),
                ChatMessage.assistant("4"), ChatMessage.user("And 3+3?"));
        Messages chosen = new Messages(concat(shared, ChatMessage.assistant("6")));
        Messages rejected = new Messages(concat(shared, ChatMessage.assistant("7"), ChatMessage.assistant("Or 8.")));

        PreferencePair pair = PreferencePair.fromImplicitPrompt(chosen, rejected);

        assertEquals(new Messages(shared), pair.prompt());
        assertEquals(new Messages(List.of(ChatMessage.assistant("6"))), pair.chosen());
        assertEquals(new Messages(List.of(ChatMessage.assistant("7"), ChatMessage.assistant("Or 8."))), pair.rejected());
    }

    @Test
    void anImplicitPromptIsRefusedWhereItHasNoClearSplit() {
        Messages blue = new Messages(List.of(ChatMessage.user("Sky?"), ChatMessage.assistant("Blue.")));
        Messages green = new Messages(List.of(ChatMessage.user("Grass?"), ChatMessage.assistant("Green.")));
        Messages followUp = new Messages(List.of(ChatMessage.user("Sky?"), ChatMessage.assistant("Blue."),
                ChatMessage.user("Sure?")));
        Messages otherFollowUp = new Messages(List.of(ChatMessage.user("Sky?"), ChatMessage.assistant("Blue."),
                ChatMessage.user("Really?"), ChatMessage.assistant("Yes.")));

        assertEquals("\"chosen\" and \"rejected\" without \"prompt\" must be message lists that share their first turns"
                + " (the implicit prompt); strings need a \"prompt\"", refusal(new PlainText("Blue."), new PlainText("Green.")));
        assertEquals("\"chosen\" and \"rejected\" without \"prompt\" differ from their first turn; the turns they share"
                + " are the prompt, and they share none", refusal(blue, green));
        assertEquals("\"chosen\" and \"rejected\" without \"prompt\": one is the start of the other, so one has no"
                + " answer after the shared turns", refusal(blue, followUp));
        assertEquals("\"chosen[2]\" is a user turn; \"chosen\" holds the assistant's answer, assistant turns only",
                refusal(followUp, otherFollowUp));
    }

    private static String refusal(Part chosen, Part rejected) {
        return assertThrows(IllegalArgumentException.class, () -> PreferencePair.fromImplicitPrompt(chosen, rejected))
                .getMessage();
    }

    private static List<ChatMessage> concat(List<ChatMessage> first, ChatMessage... rest) {
        List<ChatMessage> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }
}
