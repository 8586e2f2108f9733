package dev.tempest.chat;

import dev.tempest.api.ChatMessage;
import java.util.List;

/**
 * ChatML, as Qwen2 uses it: each message is {@code <|im_start|>role\ncontent<|im_end|>\n}, and
 * generation starts from {@code <|im_start|>assistant\n}. Qwen2's default system message is not
 * added: a run that wants one puts it in its data.
 *
 * <p>The loss covers an assistant turn's content and its {@code <|im_end|>} (the model must learn
 * to end its turn), not its header, nor the newline after {@code <|im_end|>}, which the template
 * writes and generation never needs (it stops at {@code <|im_end|>}).
 */
final class ChatMlTemplate extends TurnTemplate {

    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";

    @Override
    public String name() {
        return "chatml";
    }

    @Override
    public String jinja() {
        return "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content']"
                + " + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
                + "{% endif %}";
    }

    @Override
    public String endOfTurn() {
        return IM_END;
    }

    @Override
    public List<String> requiredTokens() {
        return List.of(IM_START, IM_END, END_OF_TEXT);
    }

    @Override
    void message(Rendering out, ChatMessage message, boolean trained) {
        header(out, message.role());
        out.text(message.content(), trained);
        out.special(IM_END, trained);
        out.text("\n", false);
    }

    @Override
    void generationPrompt(Rendering out) {
        header(out, "assistant");
    }

    /** Plain-text completions end with end-of-text, so a model may stop at either. */
    @Override
    List<String> stopTokens() {
        return List.of(IM_END, END_OF_TEXT);
    }

    private static void header(Rendering out, String role) {
        out.special(IM_START, false);
        out.text(role + "\n", false);
    }
}
