package dev.tempest.dataset.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tempest.api.ChatMessage;
import dev.tempest.api.Messages;
import dev.tempest.api.Part;
import dev.tempest.api.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads the fields of a JSON row into the API's values, each failure an IllegalArgumentException
 * whose message is the row's reason and names the field by its path, e.g.
 * {@code field "messages[2].content" must be a string, got null}.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The field {@code name} of {@code object}, found at {@code path}; absent and null alike are missing. */
    static JsonNode required(JsonNode object, String name, String path) {
        if (!RowShape.present(object, name)) {
            throw new IllegalArgumentException("missing field \"" + path + "\"");
        }
        return object.get(name);
    }

    static String string(JsonNode object, String name, String path) {
        JsonNode value = required(object, name, path);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + path + "\" must be a string, got " + kind(value));
        }
        return value.textValue();
    }

    /** The finite number at {@code name}. */
    static double number(JsonNode object, String name) {
        JsonNode value = required(object, name, name);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException("field \"" + name + "\" must be a finite number, got "
                    + (value.isNumber() ? value.asText() : kind(value)));
        }
        return value.doubleValue();
    }

    /** A prompt, completion or answer: a string (the standard form) or a message list (the conversational form). */
    static Part part(JsonNode row, String name) {
        JsonNode value = required(row, name, name);
        if (value.isTextual()) {
            return new PlainText(value.textValue());
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("field \"" + name + "\" must be a string or a list of messages, got "
                    + kind(value));
        }
        List<ChatMessage> messages = messages(value, name);
        return at(name, () -> new Messages(messages));
    }

    /** The messages of the array {@code list}, found at {@code path}. */
    static List<ChatMessage> messages(JsonNode list, String path) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("field \"" + path + "\" must be a list of messages, got " + kind(list));
        }
        List<ChatMessage> messages = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode message = list.get(i);
            if (!message.isObject()) {
                throw new IllegalArgumentException("field \"" + at + "\" must be a message object, got " + kind(message));
            }
            String role = string(message, "role", at + ".role");
            String content = string(message, "content", at + ".content");
            messages.add(at(at, () -> new ChatMessage(role, content)));
        }
        return messages;
    }

    /** {@code make}'s value, or its refusal prefixed with the field it refused. */
    static <T> T at(String path, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /** A JSON value's type, as reasons name it: string, number, array, object, boolean, null. */
    static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
