package dev.tempest.generate;

import dev.tempest.chat.ChatTemplate;
import dev.tempest.tokenizer.Tokenizer;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where a sequence ends besides its token limit and the model's context.
 *
 * @param endTokens   ids that end a sequence and stay its last token: the tokenizer's end of text,
 *                    a chat template's end of turn (such as {@code <|im_end|>})
 * @param stopStrings texts that end a sequence where they appear in its decoded text, possibly
 *                    spanning tokens; its tokens then end before the one where the text begins
 */
public record StopConditions(Set<Integer> endTokens, List<String> stopStrings) {

    public StopConditions {
        endTokens = Set.copyOf(endTokens);
        stopStrings = List.copyOf(stopStrings);
        if (stopStrings.contains("")) {
            throw new IllegalArgumentException("an empty stop string would stop every sequence before its first token");
        }
    }

    /** Only the token limit and the context end a sequence. */
    public static StopConditions none() {
        return new StopConditions(Set.of(), List.of());
    }

    /** The tokenizer's {@code <|endoftext|>}, where it has one: what a plain completion stops at. */
    public static StopConditions endOfText(Tokenizer tokenizer) {
        OptionalInt end = tokenizer.specialToken("<|endoftext|>");
        return new StopConditions(end.isPresent() ? Set.of(end.getAsInt()) : Set.of(), List.of());
    }

    /**
     * Where a model's answer ends: at the end of its turn under {@code template}, or at the end of
     * text where the prompt was given as it is ({@code template} null).
     */
    public static StopConditions ofAnswer(Tokenizer tokenizer, ChatTemplate template) {
        return template != null ? new StopConditions(template.stopIds(tokenizer), List.of()) : endOfText(tokenizer);
    }
}
