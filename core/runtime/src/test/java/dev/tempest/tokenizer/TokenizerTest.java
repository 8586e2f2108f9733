package dev.tempest.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static final int[] END_OF_TEXT_AS_TEXT = {27, 91, 437, 1659, 5239, 91, 29};   // "<", "|", "end", "of", "text", "|", ">"

    private final Tokenizer gpt2 = Gpt2Fixture.fromGpt2Files();

    @Test
    void endOfTextIsPlainTextUnlessSpecialTokensAreAllowed() {
        assertArrayEquals(concat(new int[] {64}, END_OF_TEXT_AS_TEXT, new int[] {65}), gpt2.encode("a<|endoftext|>b"));
        assertArrayEquals(new int[] {64, 50256, 65}, gpt2.encode("a<|endoftext|>b", true));
        assertEquals("a<|endoftext|>b", gpt2.decode(new int[] {64, 50256, 65}));
    }

    @Test
    void chatTokensEncodeToOneNewIdEach() {
        Tokenizer chat = gpt2.withSpecialTokens(List.of("<|im_start|>", "<|im_end|>"));
        String text = "<|im_start|>user\nhi<|im_end|>";

        int[] ids = chat.encode(text, true);

        assertArrayEquals(new int[] {50257, 7220, 198, 5303, 50258}, ids);
        assertEquals(text, chat.decode(ids));
        assertEquals(50259, chat.vocabSize());
        assertEquals(OptionalInt.of(50256), chat.specialToken("<|endoftext|>"));
        assertEquals(OptionalInt.empty(), gpt2.specialToken("<|im_start|>"), "the original tokenizer is unchanged");
        assertEquals(50257, gpt2.vocabSize());
    }

    @Test
    void aSpecialTokenThatIsAlreadyInTheVocabularyKeepsItsId() {
        Tokenizer tokenizer = gpt2.withSpecialTokens(List.of("hello", "<|endoftext|>"));

        assertEquals(OptionalInt.of(31373), tokenizer.specialToken("hello"));
        assertEquals(OptionalInt.of(50256), tokenizer.specialToken("<|endoftext|>"));
        assertEquals(50257, tokenizer.vocabSize());
    }

    @Test
    void theLongestSpecialTokenWinsWhereOneStartsAnother() {
        Tokenizer tokenizer = gpt2.withSpecialTokens(List.of("<a>", "<a><b>"));

        assertArrayEquals(new int[] {50258, 50257}, tokenizer.encode("<a><b><a>", true));
    }

    @Test
    void decodingHalfACharacterGivesTheReplacementCharacterAndTheRawBytes() {
        int[] ids = gpt2.encode("😀");
        assertArrayEquals(new int[] {47249, 222}, ids);
        byte[] utf8 = "😀".getBytes(StandardCharsets.UTF_8);

        int[] firstHalf = {ids[0]};

        assertEquals("\uFFFD", gpt2.decode(firstHalf));
        byte[] partial = gpt2.decodeBytes(firstHalf);
        assertArrayEquals(Arrays.copyOf(utf8, partial.length), partial);
        assertEquals("😀", gpt2.decode(ids));
    }

    @Test
    void decodingAnIdOutsideTheVocabularyNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {5, 50257}));
        assertTrue(e.getMessage().contains("50257"), e.getMessage());
    }

    @Test
    void controlCharactersAndBmpEdgesRoundTrip() {
        String text = "\u0000\u0001\u007f\u0085\u00a0\uFEFF\uFFFD\uFFFF x\u2028y";
        assertEquals(text, gpt2.decode(gpt2.encode(text)));
    }

    @Test
    void aLongPieceMergesInGoodTimeAndRoundTrips() {
        // One 200,000-letter piece: a merge loop that rescans after every merge would take minutes.
        String text = "a".repeat(200_000);

        int[] ids = gpt2.encode(text);

        assertTrue(ids.length <= text.length() / 4, "merged into tokens of 4+ letters, got " + ids.length);
        assertEquals(text, gpt2.decode(ids));
    }

    @Test
    void pairsCreatedDuringASweepWaitForItsEnd() {
        // "abc" is made twice: by rank 2 and again by rank 4. In "a bc a bc", rank 4 sweeps both
        // occurrences before rank 3 ("abc" "a") may use the first result, as GPT-2's loop does.
        Map<String, Integer> vocab = byteVocabulary();
        for (String token : List.of("bc", "ab", "abc", "abca")) {
            vocab.put(token, vocab.size());
        }
        List<Merge> merges = List.of(new Merge("b", "c"), new Merge("a", "b"), new Merge("ab", "c"),
                new Merge("abc", "a"), new Merge("a", "bc"));
        Tokenizer tokenizer = new Tokenizer(vocab, merges, Map.of());

        int abc = vocab.get("abc");
        assertArrayEquals(new int[] {abc, abc}, tokenizer.encode("abcabc"));
    }

    /** The 256 one-byte tokens, with ids in byte order. */
    static Map<String, Integer> byteVocabulary() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(ByteLevel.toToken(new byte[] {(byte) b}), b);
        }
        return vocab;
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }
}
