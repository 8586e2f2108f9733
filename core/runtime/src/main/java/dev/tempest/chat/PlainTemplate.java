package dev.tempest.chat;

import dev.tempest.api.ChatMessage;
import java.util.List;

/**
 * For models with no chat tokens, such as GPT-2 or a model Tempest pre-trained with
 * {@code <|endoftext|>} alone: {@code System: ...\n}, {@code User: ...\n}, and
 * {@code Assistant: ...<|endoftext|>}, which generation starts from {@code Assistant:}. It needs
 * only {@code <|endoftext|>}, which such tokenizers have, so no embedding has to grow.
 *
 * <p>The space after the colon is the content's, as GPT-2's pre-tokenizer attaches a space to the
 * word after it: {@code " Blue"} is one token, so the model writes its answer's first word as it
 * learned words, and the loss covers that token. It covers an assistant turn's content and its
 * {@code <|endoftext|>}.
 */
final class PlainTemplate extends TurnTemplate {

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public String jinja() {
        return "{% for message in messages %}{{ message['role'] | capitalize + ': ' + message['content'] }}"
                + "{% if message['role'] == 'assistant' %}{{ '<|endoftext|>' }}{% else %}{{ '\\n' }}{% endif %}"
                + "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}";
    }

    @Override
    public String endOfTurn() {
        return END_OF_TEXT;
    }

    @Override
    public List<String> requiredTokens() {
        return List.of(END_OF_TEXT);
    }

    @Override
    void message(Rendering out, ChatMessage message, boolean trained) {
        out.text(label(message.role()), false);
        out.text(" " + message.content(), trained);
        if (message.isAssistant()) {
            out.special(END_OF_TEXT, trained);
        } else {
            out.text("\n", false);
        }
    }

    @Override
    void generationPrompt(Rendering out) {
        out.text(label("assistant"), false);
    }

    @Override
    List<String> stopTokens() {
        return List.of(END_OF_TEXT);
    }

    /** {@code User:} for {@code user}. */
    private static String label(String role) {
        return Character.toUpperCase(role.charAt(0)) + role.substring(1) + ":";
    }
}
