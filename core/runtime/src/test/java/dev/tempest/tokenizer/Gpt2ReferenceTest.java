package dev.tempest.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The project's acceptance test: GPT-2's reference encoder's ids on every case of cases.jsonl. */
class Gpt2ReferenceTest {

    @Test
    void everyCaseEncodesToGpt2sIdsFromVocabAndMergesFiles() throws IOException {
        assertEveryCase(Gpt2Fixture.fromGpt2Files());
    }

    @Test
    void everyCaseEncodesToGpt2sIdsFromHuggingFaceTokenizerJson() throws IOException {
        assertEveryCase(Gpt2Fixture.fromTokenizerJson());
    }

    @Test
    void bothFormatsGiveTheFullVocabularyWithEndOfTextAsSpecial() {
        for (Tokenizer tokenizer : List.of(Gpt2Fixture.fromGpt2Files(), Gpt2Fixture.fromTokenizerJson())) {
            assertEquals(50257, tokenizer.vocabSize());
            assertEquals(OptionalInt.of(50256), tokenizer.specialToken("<|endoftext|>"));
            assertEquals(OptionalInt.empty(), tokenizer.specialToken("<|im_start|>"));
        }
    }

    @Test
    void casesCoverTheEdgesTheyAreMeantTo() throws IOException {
        List<String> texts = Gpt2Fixture.cases().stream().map(Gpt2Fixture.Case::text).toList();
        assertTrue(texts.contains(""), "the empty string");
        assertTrue(texts.stream().anyMatch(t -> t.codePoints().anyMatch(cp -> cp > 0xFFFF)), "characters beyond the BMP (emoji)");
        assertTrue(texts.stream().anyMatch(t -> t.contains("\r\n") && t.contains("\t")), "mixed whitespace");
        assertTrue(texts.stream().anyMatch(t -> t.contains("DON'T")), "upper-case contractions");
    }

    @Test
    void matchesGpt2sRescanningMergeLoopOnRandomText() throws IOException {
        Map<String, Integer> ranks = new HashMap<>();
        List<String> lines = Files.readAllLines(Gpt2Fixture.file("gpt2/merges.txt"));
        for (int i = 1; i < lines.size(); i++) {
            ranks.put(lines.get(i), i - 1);
        }
        Map<String, Integer> vocab = TokenizerJson.vocab(TokenizerJson.parse(Gpt2Fixture.file("gpt2/vocab.json")), "vocab.json");
        Tokenizer tokenizer = Gpt2Fixture.fromGpt2Files();
        Random random = new Random(11);
        int[] characters = "aaabcdeeefghiijklmnoopqrstuvwxyzAEIOUTS0123456789     '\n\t.,;!?-()<>/\"$%é中文😀👍🏽\u00a0"
                .codePoints().toArray();
        List<String> words = List.of("the", "ing", "tion", "n't", "'s", "hello", "aaaaaaaaaa", "ababababab", "  ", "\n\n");
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                if (random.nextInt(3) == 0) {
                    text.append(words.get(random.nextInt(words.size())));
                } else {
                    text.appendCodePoint(characters[random.nextInt(characters.length)]);
                }
            }
            List<Integer> expected = new ArrayList<>();
            PreTokenizer.forEachPiece(text.toString(), piece -> {
                for (String token : rescanningBpe(ByteLevel.toToken(piece.getBytes(StandardCharsets.UTF_8)), ranks)) {
                    expected.add(vocab.get(token));
                }
            });
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), tokenizer.encode(text.toString()), text.toString());
        }
    }

    /** GPT-2's encoder.py bpe(): merge every occurrence of the lowest-ranked pair, rescan, repeat. */
    private static List<String> rescanningBpe(String token, Map<String, Integer> ranks) {
        List<String> word = new ArrayList<>(token.chars().mapToObj(c -> String.valueOf((char) c)).toList());
        while (word.size() > 1) {
            String best = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                String pair = word.get(i) + " " + word.get(i + 1);
                if (ranks.containsKey(pair) && (best == null || ranks.get(pair) < ranks.get(best))) {
                    best = pair;
                }
            }
            if (best == null) {
                return word;
            }
            String[] parts = best.split(" ");
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(parts[0]) && word.get(i + 1).equals(parts[1])) {
                    merged.add(parts[0] + parts[1]);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        return word;
    }

    private static void assertEveryCase(Tokenizer tokenizer) throws IOException {
        List<Gpt2Fixture.Case> cases = Gpt2Fixture.cases();
        assertEquals(30, cases.size());
        for (Gpt2Fixture.Case c : cases) {
            String where = "cases.jsonl:" + c.line() + " " + c.text();
            assertArrayEquals(c.ids(), tokenizer.encode(c.text()), where);
            assertArrayEquals(c.ids(), tokenizer.encode(c.text(), true), where + " (special tokens allowed; none in the text)");
            assertEquals(c.text(), tokenizer.decode(c.ids()), where);
        }
    }
}
