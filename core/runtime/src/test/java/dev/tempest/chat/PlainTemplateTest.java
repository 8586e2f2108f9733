package dev.tempest.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.ChatMessage;
import dev.tempest.api.ChatRecord;
import dev.tempest.api.Messages;
import dev.tempest.tokenizer.Gpt2Fixture;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plain template on GPT-2's own tokenizer, which has no chat tokens: golden strings and ids. */
class PlainTemplateTest {

    private static final Tokenizer GPT2 = Gpt2Fixture.fromGpt2Files();
    private static final int END_OF_TEXT = 50256;

    private final ChatTemplate plain = ChatTemplate.forName("plain");

    @Test
    void aConversationRendersToTheGoldenStringIdsAndMask() throws MissingTokenException {
        plain.check(GPT2);   // <|endoftext|> is all it needs
        ChatRecord chat = new ChatRecord(List.of(ChatMessage.system("You are terse."), ChatMessage.user("Hello, world!"),
                ChatMessage.assistant("The quick brown fox jumps over the lazy dog."), ChatMessage.user("Hello, world!"),
                ChatMessage.assistant("a")));

        Example rendered = plain.render(GPT2, chat);

        assertEquals("System: You are terse.\nUser: Hello, world!\nAssistant: The quick brown fox jumps over the lazy"
                + " dog.<|endoftext|>User: Hello, world!\nAssistant: a<|endoftext|>", GPT2.decode(rendered.tokens()));
        // vocab.json: "System" 11964, "User" 12982, "Assistant" 48902, ":" 25, "Ċ" 198; " You" 921, " are" 389,
        // " ters" 1059 + "e" 325, "." 13; " Hello" 18435 then cases.jsonl line 1's ", world!"; " The" 383 then
        // line 2's "quick brown fox ..."; " a" 257.
        int[] system = {11964, 25, 921, 389, 1059, 325, 13, 198};
        int[] user = {12982, 25, 18435, 11, 995, 0, 198};
        int[] assistant = {48902, 25};
        int[] fox = {383, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13};
        Gpt2Pieces expected = new Gpt2Pieces().add(false, system).add(false, user)
                .add(false, assistant).add(true, fox).add(true, END_OF_TEXT)
                .add(false, user).add(false, assistant).add(true, 257, END_OF_TEXT);
        assertArrayEquals(expected.ids(), rendered.tokens());
        assertArrayEquals(expected.lossMask(), rendered.trained());
    }

    @Test
    void generationStartsAfterTheAssistantsLabelAndStopsAtEndOfText() {
        int[] ids = plain.renderPrompt(GPT2, new Messages(List.of(ChatMessage.user("Hello, world!"))));

        assertEquals("User: Hello, world!\nAssistant:", GPT2.decode(ids));
        assertArrayEquals(new int[] {12982, 25, 18435, 11, 995, 0, 198, 48902, 25}, ids);
        assertEquals(Set.of(END_OF_TEXT), plain.stopIds(GPT2));
        assertEquals(List.of("<|endoftext|>"), plain.requiredTokens());
    }
}
