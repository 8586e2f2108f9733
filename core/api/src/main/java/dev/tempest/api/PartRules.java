package dev.tempest.api;

import java.util.List;

/** The rules the records holding {@link Part}s share; each failure an IllegalArgumentException naming the part. */
final class PartRules {

    private PartRules() {
    }

    static List<ChatMessage> nonEmpty(List<ChatMessage> messages) {
        List<ChatMessage> copy = List.copyOf(messages);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the message list is empty");
        }
        return copy;
    }

    /**
     * Every part plain text, or every part messages: a row that mixes them has no one reading (is
     * the plain prompt a user turn? with which template?), and TRL refuses it too.
     * {@code names} and {@code parts} go in pairs.
     */
    static void sameForm(List<String> names, List<Part> parts) {
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).getClass() != parts.get(0).getClass()) {
                throw new IllegalArgumentException("\"" + names.get(0) + "\" is " + form(parts.get(0)) + " but \""
                        + names.get(i) + "\" is " + form(parts.get(i)) + "; the parts of a row take one form");
            }
        }
    }

    /**
     * The turns of {@code messages} from {@code from} on are all the assistant's: what a model is
     * trained or judged on is its own answer, never a user turn it would learn to write.
     */
    static void assistantTurnsFrom(String name, List<ChatMessage> messages, int from) {
        for (int i = from; i < messages.size(); i++) {
            if (!messages.get(i).isAssistant()) {
                throw new IllegalArgumentException("\"" + name + "[" + i + "]\" is a " + messages.get(i).role()
                        + " turn; \"" + name + "\" holds the assistant's answer, assistant turns only");
            }
        }
    }

    /** The assistant-only rule for a part in the conversational form; plain text has no turns. */
    static void assistantTurns(String name, Part part) {
        if (part instanceof Messages messages) {
            assistantTurnsFrom(name, messages.messages(), 0);
        }
    }

    private static String form(Part part) {
        return part instanceof PlainText ? "a string" : "a message list";
    }
}
