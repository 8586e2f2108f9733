package dev.tempest.generate;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.KvCache;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Text from a model: the prompt runs through once, filling the KV cache, then each new token
 * costs one position. Stops at {@code <|endoftext|>}, at the token limit, or at the model's context.
 */
public final class Generator {

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final Backend backend;

    public Generator(LanguageModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.backend = model.parameters().backend();
    }

    /** The completion of {@code prompt}, decoded. */
    public String complete(String prompt, Sampling sampling) {
        return tokenizer.decode(generate(tokenizer.encode(prompt), sampling, true));
    }

    /**
     * The new tokens after {@code prompt}. Without the cache every step runs the whole sequence
     * again: the same tokens, slower; what the cache is tested against.
     */
    public int[] generate(int[] prompt, Sampling sampling, boolean useCache) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("an empty prompt: give at least one token");
        }
        if (prompt.length >= model.contextLength()) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens and the model's context is "
                    + model.contextLength() + ": shorten the prompt to leave room for new tokens");
        }
        int limit = Math.min(prompt.length + sampling.maxTokens(), model.contextLength());
        OptionalInt endOfText = tokenizer.specialToken("<|endoftext|>");
        Sampler sampler = new Sampler(backend, sampling);
        KvCache cache = useCache ? model.newCache(1, limit) : null;
        int[] sequence = Arrays.copyOf(prompt, limit);
        int length = prompt.length;
        int[] input = prompt;
        while (length < limit) {
            Ops ops = new Ops(backend, null);
            Tensor logits = useCache ? model.forward(ops, input, 1, input.length, cache)
                    : model.forward(ops, Arrays.copyOf(sequence, length), 1, length);
            int next = sampler.next(lastRow(logits)).ids()[0];
            if (endOfText.isPresent() && next == endOfText.getAsInt()) {
                break;
            }
            sequence[length++] = next;
            input = new int[] {next};
        }
        return Arrays.copyOfRange(sequence, prompt.length, length);
    }

    /** The last row of logits (rows, V), where the next token's distribution is: a view, nothing copied. */
    private static Tensor lastRow(Tensor logits) {
        int V = logits.dim(1);
        return new Tensor(logits.data().slice((logits.dim(0) - 1) * V, V), null, 1, V);
    }
}
