package dev.tempest.model;

import dev.tempest.nn.Ops;
import dev.tempest.nn.ParameterArena;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.Map;

/**
 * A causal language model composed from the ops, its parameters in one arena under their
 * Hugging Face names, so a checkpoint is the arena written tensor by tensor.
 */
public interface LanguageModel {

    /** The Hugging Face {@code config.json} this model was built from, as written back on save. */
    Map<String, Object> config();

    ParameterArena parameters();

    int vocabSize();

    /** The longest sequence the model takes (learned positions, or the RoPE table it was made for). */
    int contextLength();

    /** logits (B*T, V) for {@code tokens} (B*T), each row of T a sequence starting at position 0. */
    default Tensor forward(Ops ops, int[] tokens, int B, int T) {
        return forward(ops, tokens, B, T, null);
    }

    /**
     * With a cache (inference only): T new tokens per sequence at the cache's next positions, their
     * keys and values added to the cache, and the logits (B, V) of each sequence's last one, all
     * that generation samples from; without a cache, as above.
     */
    default Tensor forward(Ops ops, int[] tokens, int B, int T, KvCache cache) {
        if (cache != null && cache.sequences() != B) {
            throw new IllegalArgumentException(B + " sequences for a cache holding " + cache.sequences());
        }
        return forward(ops, tokens, cache == null ? TokenPositions.rows(B, T, 0) : cache.positions(T), cache);
    }

    /**
     * logits (B*T, V) for {@code tokens} (B*T) at {@code at}: each token at its position within
     * its own sequence, attending only to that sequence (packed examples, padded rows). With a
     * cache, {@code at} is the cache's {@link KvCache#positions}, and the logits are (B, V), each
     * sequence's last position only. The head on the final hidden states.
     */
    default Tensor forward(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        return head(ops, hiddenStates(ops, tokens, at, cache));
    }

    /**
     * The final hidden states (B*T, C) for {@code tokens} at {@code at}, as {@link #forward}: after
     * the final norm, before any head; with a cache (B, C), each sequence's last position only.
     * What a head other than the language model's reads, such as a reward model's score.
     */
    Tensor hiddenStates(Ops ops, int[] tokens, TokenPositions at, KvCache cache);

    /**
     * The language-model head: logits (rows, V) from hidden states (rows, C).
     *
     * @throws IllegalStateException for a model without one (a sequence classifier)
     */
    Tensor head(Ops ops, Tensor hidden);

    /** A cache for {@code B} sequences of up to {@code Tmax} positions. */
    KvCache newCache(int B, int Tmax);

    /** Fresh weights for training from scratch, drawn from {@code random} as the family's paper does. */
    void initialize(SeededRandom random);
}
