package dev.tempest.api;

import java.util.List;
import java.util.Objects;

/**
 * A prompt and one completion of it, TRL's {@code {"prompt": ..., "completion": ...}}: an SFT
 * example (the loss covers the completion only), or a pair for a reward model to score.
 *
 * <p>Both parts take one form: plain text (the standard form, used as it is; SFT appends the
 * end-of-text token to the completion), or message lists (the conversational form, rendered
 * through the chat template), in which the completion holds assistant turns only, for example
 * {@code prompt = [user "What color is the sky?"]}, {@code completion = [assistant "Blue."]}.
 */
public record PromptCompletion(Part prompt, Part completion) implements DataRecord {

    /** @throws IllegalArgumentException when the forms differ or the completion holds a turn not the assistant's */
    public PromptCompletion {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        PartRules.sameForm(List.of("prompt", "completion"), List.of(prompt, completion));
        PartRules.assistantTurns("completion", completion);
    }

    /** The standard form: plain text for both. */
    public PromptCompletion(String prompt, String completion) {
        this(new PlainText(prompt), new PlainText(completion));
    }
}
