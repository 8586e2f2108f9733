package dev.tempest.api;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a chat: {@code role} is {@code system}, {@code user} or {@code assistant}, and
 * {@code content} is plain text. Other roles (tool calls and their results) are refused: no chat
 * template in Tempest renders them, and training on a turn the template cannot show would teach
 * the model a format it never sees at generation.
 */
public record ChatMessage(String role, String content) {

    /** The roles a message may have, in the order documentation lists them. */
    public static final List<String> ROLES = List.of("system", "user", "assistant");

    /** @throws IllegalArgumentException naming the role when it is not one of {@link #ROLES} */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role \"" + role + "\" is not one of " + String.join(", ", ROLES));
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** True for the model's own turns, the ones supervised fine-tuning learns from. */
    public boolean isAssistant() {
        return role.equals("assistant");
    }
}
