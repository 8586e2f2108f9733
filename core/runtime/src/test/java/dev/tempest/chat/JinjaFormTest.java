package dev.tempest.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.Messages;
import dev.tempest.tokenizer.Gpt2Fixture;
import dev.tempest.tokenizer.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each template's Jinja form, which a fine-tuned model's tokenizer_config.json carries, renders
 * what the template itself renders. The expected strings are Jinja2 3.1.6's output for
 * {@link ChatTemplate#jinja()} on these messages (rendered once, outside the build, as Hugging
 * Face's apply_chat_template does), so the Python side sees the text the model was trained on.
 */
class JinjaFormTest {

    private static final Tokenizer TOKENIZER = Gpt2Fixture.fromGpt2Files().withSpecialTokens(List.of("<|im_start|>", "<|im_end|>"));
    private static final List<ChatMessage> CHAT = List.of(ChatMessage.system("Be brief."),
            ChatMessage.user("What is 2 plus 3?"), ChatMessage.assistant("#### 5"));

    @Test
    void chatMlRendersAsItsJinjaForm() {
        ChatTemplate chatml = ChatTemplate.forName("chatml");

        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2 plus 3?<|im_end|>\n"
                + "<|im_start|>assistant\n#### 5<|im_end|>\n", TOKENIZER.decode(chatml.render(TOKENIZER, new ChatRecord(CHAT)).tokens()));
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2 plus 3?<|im_end|>\n"
                + "<|im_start|>assistant\n", TOKENIZER.decode(chatml.renderPrompt(TOKENIZER, new Messages(CHAT.subList(0, 2)))));
        assertEquals(chatml, ChatTemplate.fromJinja(chatml.jinja()).orElseThrow());
    }

    @Test
    void plainRendersAsItsJinjaForm() {
        ChatTemplate plain = ChatTemplate.forName("plain");

        assertEquals("System: Be brief.\nUser: What is 2 plus 3?\nAssistant: #### 5<|endoftext|>",
                TOKENIZER.decode(plain.render(TOKENIZER, new ChatRecord(CHAT)).tokens()));
        assertEquals("System: Be brief.\nUser: What is 2 plus 3?\nAssistant:",
                TOKENIZER.decode(plain.renderPrompt(TOKENIZER, new Messages(CHAT.subList(0, 2)))));
        assertEquals(plain, ChatTemplate.fromJinja(plain.jinja()).orElseThrow());
    }
}
