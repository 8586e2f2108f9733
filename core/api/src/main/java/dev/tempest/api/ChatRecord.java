package dev.tempest.api;

import java.util.List;

/**
 * A multi-turn conversation for SFT, TRL's {@code {"messages": [...]}}: at least one message,
 * in any order of roles. Every assistant turn is a target: the loss covers the assistant turns
 * only, through the chat template.
 */
public record ChatRecord(List<ChatMessage> messages) implements DataRecord {

    /** @throws IllegalArgumentException when {@code messages} is empty */
    public ChatRecord {
        messages = PartRules.nonEmpty(messages);
    }
}
