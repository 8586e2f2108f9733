package dev.tempest.api;

import java.util.List;

/**
 * A {@link Part} in the conversational form: turns that the chat template renders, with its
 * role headers and end-of-turn tokens, at least one.
 */
public record Messages(List<ChatMessage> messages) implements Part {

    /** @throws IllegalArgumentException when {@code messages} is empty */
    public Messages {
        messages = PartRules.nonEmpty(messages);
    }
}
