package dev.tempest.dataset.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The row shapes of TRL and the Hugging Face hub, told apart by their keys as TRL tells them
 * apart: each has a key no other shape has ({@code prompt} is shared by three). A key whose
 * value is null counts as absent, as it does in every rule of this loader.
 */
enum RowShape {
    TEXT("text", List.of("text"), List.of("text")),
    CHAT("chat", List.of("messages"), List.of("messages")),
    PROMPT_COMPLETION("prompt/completion", List.of("completion"), List.of("prompt", "completion")),
    PREFERENCE("preference", List.of("chosen", "rejected"), List.of("prompt", "chosen", "rejected")),
    TASK("task", List.of("verifier"), List.of("prompt", "verifier"));

    /** Every key that belongs to some shape; the other keys of a row are its own (a task's go to its verifier). */
    private static final List<String> SHAPE_KEYS =
            List.of("text", "messages", "prompt", "completion", "chosen", "rejected", "verifier");

    final String label;
    private final List<String> markers;   // any of them makes a row this shape
    private final List<String> keys;      // the shape keys it may have

    RowShape(String label, List<String> markers, List<String> keys) {
        this.label = label;
        this.markers = markers;
        this.keys = keys;
    }

    /**
     * The shape {@code row}'s keys make, or empty when they make none.
     *
     * @throws IllegalArgumentException when the row has keys of two shapes
     */
    static Optional<RowShape> of(JsonNode row) {
        for (RowShape shape : values()) {
            Optional<String> marker = shape.markers.stream().filter(key -> present(row, key)).findFirst();
            if (marker.isPresent()) {
                for (String key : SHAPE_KEYS) {
                    if (present(row, key) && !shape.keys.contains(key)) {
                        throw new IllegalArgumentException("mixes row shapes: \"" + marker.get() + "\" makes a "
                                + shape.label + " row, which takes no \"" + key + "\"");
                    }
                }
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    static boolean present(JsonNode row, String key) {
        return row.hasNonNull(key);
    }
}
