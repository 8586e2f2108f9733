package dev.tempest.chat;

import dev.tempest.api.ChatRecord;
import dev.tempest.api.DataRecord;
import dev.tempest.api.Part;
import dev.tempest.api.PreferencePair;
import dev.tempest.api.PromptCompletion;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How conversations become token ids, and which of those ids the loss covers. A run selects one
 * by name ({@link #forName}); the model must then have every token of {@link #requiredTokens()}
 * as one id, which {@link #check} tells before anything trains.
 *
 * <p>Special tokens come only from the template: message contents are encoded as plain text
 * ({@code Tokenizer.encode(text, false)}), so a user who writes {@code <|im_start|>} in a message
 * gets the characters, never the control token. Each piece (role header, content, end of turn) is
 * encoded on its own, so token boundaries fall at piece boundaries and the loss mask is exact.
 * That gives the ids Hugging Face gets by rendering to text and tokenizing it, except where a
 * content starts with whitespace that the pre-tokenizer would join to the header's newline
 * (GPT-2 has one token for "\n\n"): there the content keeps its own tokens, the ones generation
 * produces after the header.
 *
 * <p>The two forms of {@link Part} render differently, as in TRL: messages through the template;
 * plain text as it is, the completion followed by {@code <|endoftext|>} (which generation then stops
 * at), whatever the template.
 */
public interface ChatTemplate {

    /** The template called {@code name}: {@code chatml} or {@code plain}; IllegalArgumentException listing them otherwise. */
    static ChatTemplate forName(String name) {
        return ChatTemplates.forName(name);
    }

    /** The template whose {@link #jinja()} is {@code text}, if Tempest has it. */
    static Optional<ChatTemplate> fromJinja(String text) {
        return ChatTemplates.fromJinja(text);
    }

    /** The names {@link #forName} knows. */
    static List<String> names() {
        return ChatTemplates.names();
    }

    /** The name a run selects it by. */
    String name();

    /**
     * The template in Hugging Face's form, the Jinja text of {@code tokenizer_config.json}'s
     * {@code chat_template}: what a model fine-tuned with it carries to the Python ecosystem, and
     * how Tempest knows again which template a model folder was trained with.
     */
    String jinja();

    /** The token that ends an assistant's turn, the one a fine-tuned model learns to stop at: its eos_token. */
    String endOfTurn();

    /** The special tokens it writes, each of which the tokenizer must have as one id. */
    List<String> requiredTokens();

    /**
     * Whether {@code tokenizer} has every {@link #requiredTokens() required token}; a stage calls it
     * before training and turns the exception into a configuration error.
     *
     * @throws MissingTokenException naming each missing token and the two ways to add it
     */
    default void check(Tokenizer tokenizer) throws MissingTokenException {
        List<String> missing = requiredTokens().stream()
                .filter(token -> tokenizer.specialToken(token).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingTokenException(name(), missing);
        }
    }

    /**
     * An SFT example: a {@link ChatRecord}, whose assistant turns the loss covers, or a
     * {@link PromptCompletion}, whose completion it covers. A {@link PreferencePair} is two
     * examples, {@code render(tokenizer, pair.prompt(), pair.chosen())} and the same with
     * {@code rejected()}.
     *
     * @throws IllegalArgumentException for any other record
     * @throws IllegalStateException    when the tokenizer lacks a required token (see {@link #check})
     */
    Example render(Tokenizer tokenizer, DataRecord record);

    /**
     * {@code prompt} then {@code completion}, the loss on the completion only: for plain text
     * its tokens and the closing {@code <|endoftext|>}; for messages what {@link #render(Tokenizer,
     * DataRecord)} covers of an assistant turn. Both parts take one form. The ids start with
     * {@link #renderPrompt(Tokenizer, Part) renderPrompt(tokenizer, prompt)}: training sees the
     * prompt exactly as generation will.
     */
    Example render(Tokenizer tokenizer, Part prompt, Part completion);

    /** The ids generation starts from: messages and then the start of the assistant's turn; plain text as it is. */
    int[] renderPrompt(Tokenizer tokenizer, Part prompt);

    /**
     * The prompt of a record, for generation: a {@link ChatRecord} without its final assistant
     * turn, the prompt of a {@link PromptCompletion} or a {@link PreferencePair}.
     *
     * @throws IllegalArgumentException for any other record (a task's prompt is plain text or a
     *         user turn as the stage decides: render that {@link Part} instead)
     */
    int[] renderPrompt(Tokenizer tokenizer, DataRecord record);

    /** The ids that end the model's turn: generation stops at any of them. */
    Set<Integer> stopIds(Tokenizer tokenizer);
}
