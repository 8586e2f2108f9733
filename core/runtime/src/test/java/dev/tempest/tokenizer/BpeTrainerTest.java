package dev.tempest.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    private static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    private static List<String> corpus;
    private static Tokenizer trained;

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        corpus = corpus(new Random(3), 2_000);
        trained = BpeTrainer.train(corpus, 600, SPECIALS);
    }

    @Test
    void reachesTheVocabularySizeWithBytesFirstAndSpecialTokensLast() {
        assertEquals(600, trained.vocabSize());
        assertEquals(OptionalInt.of(597), trained.specialToken("<|endoftext|>"));
        assertEquals(OptionalInt.of(599), trained.specialToken("<|im_end|>"));
        assertArrayEquals(new int[] {0, 'A', 0xE2, 0x82, 0xAC}, trained.encode("\u0000A€"), "id = byte value for unmerged bytes");
    }

    @Test
    void learnedMergesCompressTheTrainingText() {
        String text = String.join("", corpus.subList(0, 200));

        int[] ids = trained.encode(text, true);

        assertTrue(ids.length * 3 < text.getBytes(StandardCharsets.UTF_8).length, ids.length + " tokens");
        assertEquals(text, trained.decode(ids));
    }

    @Test
    void specialTokensAreCutOutOfTheTextsAndNeverMerged() {
        assertArrayEquals(new int[] {597}, trained.encode("<|endoftext|>", true));
        for (String token : trained.tokens().subList(0, 597)) {
            assertFalse(token.contains("endoftext") || token.contains("<|"), token);
        }
    }

    @Test
    void anyTextRoundTripsIncludingBytesNeverSeenInTraining() throws IOException {
        List<String> texts = new ArrayList<>(Gpt2Fixture.cases().stream().map(Gpt2Fixture.Case::text).toList());
        texts.add("\u0000\u0007\u007f 😀👍🏽 한국어 \uFFFF<|im_start|>x<|im_end|>");
        for (String text : texts) {
            assertEquals(text, trained.decode(trained.encode(text)), text);
            assertEquals(text, trained.decode(trained.encode(text, true)), text);
        }
    }

    @Test
    void trainingIsDeterministicAndIndependentOfTextOrder() throws IOException {
        List<String> reversed = new ArrayList<>(corpus);
        Collections.reverse(reversed);

        trained.save(dir.resolve("a.json"));
        BpeTrainer.train(corpus, 600, SPECIALS).save(dir.resolve("b.json"));
        BpeTrainer.train(reversed, 600, SPECIALS).save(dir.resolve("c.json"));

        byte[] first = Files.readAllBytes(dir.resolve("a.json"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("b.json")));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("c.json")));
    }

    @Test
    void savedAndLoadedItEncodesIdentically() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        trained.save(file);

        Tokenizer loaded = Tokenizer.load(file);

        assertEquals(trained.vocabSize(), loaded.vocabSize());
        assertEquals(trained.specialIds(), loaded.specialIds());
        for (String text : corpus.subList(0, 300)) {
            assertArrayEquals(trained.encode(text, true), loaded.encode(text, true), text);
        }
    }

    @Test
    void theMostFrequentPairMergesFirstAndTiesGoToTheSmallerBytes() {
        // (x, y) occurs 5 times; (a, b) and (0xC3, 0xA9), which is "é", 3 times each: 'a' < 0xC3 unsigned.
        List<String> texts = new ArrayList<>();
        texts.addAll(Collections.nCopies(3, "é"));
        texts.addAll(Collections.nCopies(3, "ab"));
        texts.addAll(Collections.nCopies(5, "xy"));

        Tokenizer tokenizer = new BpeTrainer(259, List.of(), 1).train(texts);

        assertEquals(List.of(new Merge("x", "y"), new Merge("a", "b"), new Merge("Ã", "©")), tokenizer.merges());
        assertArrayEquals(new int[] {256, 257, 258}, tokenizer.encode("xyabé"));
    }

    @Test
    void trainingStopsEarlyWhenNoPairIsFrequentEnough() {
        Tokenizer tokenizer = new BpeTrainer(1000, List.of(), 2).train(List.of("ab", "ab", "cd"));

        assertEquals(List.of(new Merge("a", "b")), tokenizer.merges());
        assertEquals(257, tokenizer.vocabSize());
    }

    /** Texts of Zipf-distributed pseudo-words with punctuation, digits and special tokens between documents. */
    static List<String> corpus(Random random, int documents) {
        String[] syllables = {"the", "an", "ing", "tion", "re", "con", "pre", "er", "al", "ly", "in", "st", "ou", "ed", "ka", "zu"};
        String[] extras = {".", ",", "!", "\n", "\n\n", " 2024", " 3.14", "'s", " é", " 中文"};
        List<String> texts = new ArrayList<>(documents);
        for (int d = 0; d < documents; d++) {
            StringBuilder text = new StringBuilder();
            for (int w = 10 + random.nextInt(80); w > 0; w--) {
                text.append(' ');
                for (int s = 1 + random.nextInt(3); s > 0; s--) {
                    text.append(syllables[(int) (syllables.length * Math.pow(random.nextDouble(), 2))]);
                }
                if (random.nextInt(6) == 0) {
                    text.append(extras[random.nextInt(extras.length)]);
                }
            }
            texts.add(text.append("<|endoftext|>").toString());
        }
        return texts;
    }
}
