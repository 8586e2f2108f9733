package dev.tempest.api;

import java.util.List;

/** A conversation for SFT; the loss covers the assistant turns only. */
public record ChatRecord(List<ChatMessage> messages) implements DataRecord {

    public ChatRecord {
        messages = List.copyOf(messages);
    }
}
