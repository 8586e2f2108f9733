package dev.tempest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What ends a sequence and what it returns, on a model that counts through the alphabet (see {@link CountingModel}). */
class GeneratorTest {

    private static final Sampling GREEDY = new Sampling(8, 0, 0, 1, 1);

    private final Backend backend = new ScalarBackend();
    private final Tokenizer tokenizer = BpeTrainer.train(List.of("a small corpus"), 260, List.of("<|endoftext|>"));
    private final Generator generator = new Generator(new CountingModel(backend, 256, 12), tokenizer);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aStopStringSpanningTokensEndsTheTokensBeforeIt() {
        Generation g = only("a", GREEDY, new StopConditions(Set.of(), List.of("xyz", "de")));

        assertEquals("bc", tokenizer.decode(g.tokens()));
        assertEquals(StopReason.STOP_STRING, g.stop());
        assertEquals(2, g.logProbs().length);
    }

    @Test
    void anEndTokenIsTheLastTokenAndLeavesTheText() {
        Generation g = only("a", GREEDY, new StopConditions(Set.of(id("e"), id("g")), List.of()));

        assertEquals("bcde", tokenizer.decode(g.tokens()));
        assertEquals(StopReason.END_TOKEN, g.stop());
        assertEquals("bcd", tokenizer.decode(g.withoutEndToken()));
    }

    @Test
    void theTokenLimitOrTheContextEndsWhatNothingElseEnds() {
        Generation limited = only("a", new Sampling(4, 0, 0, 1, 1), StopConditions.none());
        Generation full = only("abc", new Sampling(20, 0, 0, 1, 1), StopConditions.none()); // context 12: room for 9

        assertEquals("bcde", tokenizer.decode(limited.tokens()));
        assertEquals(StopReason.MAX_TOKENS, limited.stop());
        assertEquals("defghijkl", tokenizer.decode(full.tokens()));
        assertEquals(StopReason.CONTEXT_FULL, full.stop());
    }

    @Test
    void eachSequenceOfABatchStopsForItsOwnReasonAndKeepsItsTokens() {
        StopConditions stop = new StopConditions(Set.of(id("f")), List.of("op"));
        List<Generation> batch = generator.generate(List.of(encode("a"), encode("k"), encode("uvw"), encode("c")),
                GREEDY, stop);

        assertEquals(List.of("bcdef", "lmn", "xyz{|}~\u007f", "def"), batch.stream().map(g -> tokenizer.decode(g.tokens())).toList());
        assertEquals(List.of(StopReason.END_TOKEN, StopReason.STOP_STRING, StopReason.MAX_TOKENS, StopReason.END_TOKEN),
                batch.stream().map(Generation::stop).toList());
        // The model puts logit 20 on the next letter and 0 on the 255 others.
        float logProb = (float) -Math.log(1 + 255 * Math.exp(-20));
        for (Generation g : batch) {
            for (float p : g.logProbs()) {
                assertEquals(logProb, p, 1e-7f);
            }
        }
    }

    @Test
    void aPlainCompletionIsTheDecodedContinuation() {
        assertEquals("bcdefghi", generator.complete("a", GREEDY));
    }

    @Test
    void promptsThatCannotBeContinuedAreRefusedByName() {
        String tooLong = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(List.of(encode("a"), new int[12]), GREEDY, StopConditions.none())).getMessage();
        assertTrue(tooLong.contains("prompt 1 has 12 tokens and the model's context is 12"), tooLong);
        String empty = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(List.of(new int[0]), GREEDY, StopConditions.none())).getMessage();
        assertTrue(empty.contains("the prompt is empty"), empty);
        String outside = assertThrows(IllegalArgumentException.class,
                () -> generator.generate(List.of(new int[] {3, 256}), GREEDY, StopConditions.none())).getMessage();
        assertTrue(outside.contains("token id 256, outside the model's vocabulary of 256"), outside);
        assertThrows(IllegalArgumentException.class, () -> generator.generate(List.of(), GREEDY, StopConditions.none()));
        assertThrows(IllegalArgumentException.class, () -> new StopConditions(Set.of(), List.of("")));
    }

    private Generation only(String prompt, Sampling sampling, StopConditions stop) {
        return generator.generate(List.of(encode(prompt)), sampling, stop).get(0);
    }

    private int[] encode(String text) {
        return tokenizer.encode(text);
    }

    private int id(String letter) {
        int[] ids = tokenizer.encode(letter);
        assertEquals(1, ids.length, letter + " is one byte token");
        return ids[0];
    }
}
