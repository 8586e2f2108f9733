package dev.tempest.generate;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.KvCache;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.ActivationArena;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text from a model, many prompts at once: the prompts, left-padded to the longest, run through
 * the model once, filling one KV cache; then every sequence still growing costs one position per
 * step. A sequence ends at an end token, a stop string, its token limit or the model's context,
 * and leaves the batch at once: the last sequences take the places of those that ended
 * ({@link KvCache#keep}), so each step costs what the sequences still growing need.
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

    /** The completion of {@code prompt}, decoded, ending at the tokenizer's {@code <|endoftext|>}. */
    public String complete(String prompt, Sampling sampling) {
        Generation generation = generate(List.of(tokenizer.encode(prompt)), sampling, StopConditions.endOfText(tokenizer)).get(0);
        return tokenizer.decode(generation.withoutEndToken());
    }

    /** The new tokens after each prompt, in the prompts' order; sequence i draws from stream i (see {@link Sampler}). */
    public List<Generation> generate(List<int[]> prompts, Sampling sampling, StopConditions stop) {
        return generate(prompts, 0, sampling, stop);
    }

    /**
     * As above, for prompts {@code firstIndex, firstIndex + 1, ...} of a larger set: each draws from
     * the stream of its index in the set, so the set gives the same tokens in batches of any size.
     */
    public List<Generation> generate(List<int[]> prompts, int firstIndex, Sampling sampling, StopConditions stop) {
        int B = prompts.size();
        int longest = checkPrompts(prompts);
        List<Continuation> sequences = new ArrayList<>(B);
        int[] padding = new int[B];                 // (B)
        int[] input = new int[B * longest];         // (B, longest) left-padded with id 0, which nothing sees
        int steps = 0;                              // the most new tokens any sequence can take
        for (int b = 0; b < B; b++) {
            int[] prompt = prompts.get(b);
            padding[b] = longest - prompt.length;
            System.arraycopy(prompt, 0, input, b * longest + padding[b], prompt.length);
            sequences.add(new Continuation(prompt.length, sampling.maxTokens(), model.contextLength(), stop, tokenizer));
            steps = Math.max(steps, Math.min(sampling.maxTokens(), model.contextLength() - prompt.length));
        }
        // The last token drawn is never fed back, so the cache holds one position fewer than the longest sequence.
        KvCache cache = model.newCache(B, longest + steps - 1);
        cache.padLeft(padding);
        Sampler sampler = new Sampler(backend, sampling, firstIndex, B);
        ActivationArena activations = new ActivationArena(backend);
        Tensor logits = model.forward(new Ops(backend, null, activations), input, B, longest, cache); // (B, V)
        int[] held = new int[B]; // (rows) the sequence each row of the batch holds
        Arrays.setAll(held, b -> b);
        while (true) {
            SampledTokens drawn = sampler.next(logits, held);
            boolean[] growing = new boolean[held.length];
            for (int r = 0; r < held.length; r++) {
                Continuation sequence = sequences.get(held[r]);
                sequence.add(drawn.ids()[r], drawn.logProbs()[r]);
                growing[r] = sequence.growing();
            }
            int[] kept = fillHoles(growing);
            if (kept.length == 0) {
                break;
            }
            int[] next = new int[kept.length];
            int[] nowHeld = new int[kept.length];
            for (int r = 0; r < kept.length; r++) {
                next[r] = drawn.ids()[kept[r]];
                nowHeld[r] = held[kept[r]];
            }
            if (kept.length < held.length) {
                cache.keep(kept);
            }
            held = nowHeld;
            logits = model.forward(new Ops(backend, null, activations), next, held.length, 1, cache); // (rows, V)
        }
        return sequences.stream().map(Continuation::result).toList();
    }

    /**
     * The rows to keep, those still growing: each stays in its row, except that rows past the new
     * count move into the places of the ended rows below it. So no kept row is overwritten and
     * each moves at most once.
     */
    private static int[] fillHoles(boolean[] growing) {
        int count = 0;
        for (boolean g : growing) {
            count += g ? 1 : 0;
        }
        int[] kept = new int[count];
        int above = growing.length - 1;
        for (int r = 0; r < count; r++) {
            if (growing[r]) {
                kept[r] = r;
            } else {
                while (!growing[above]) {
                    above--;
                }
                kept[r] = above--;
            }
        }
        return kept;
    }

    /** The longest prompt's length, once every prompt is known to fit the model. */
    private int checkPrompts(List<int[]> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts: give at least one");
        }
        int longest = 0;
        for (int b = 0; b < prompts.size(); b++) {
            int[] prompt = prompts.get(b);
            String which = prompts.size() == 1 ? "the prompt" : "prompt " + b;
            if (prompt.length == 0) {
                throw new IllegalArgumentException(which + " is empty: give at least one token");
            }
            if (prompt.length >= model.contextLength()) {
                throw new IllegalArgumentException(which + " has " + prompt.length + " tokens and the model's context is "
                        + model.contextLength() + ": shorten the prompt to leave room for new tokens");
            }
            for (int id : prompt) {
                if (id < 0 || id >= model.vocabSize()) {
                    throw new IllegalArgumentException(which + " has token id " + id + ", outside the model's vocabulary of "
                            + model.vocabSize());
                }
            }
            longest = Math.max(longest, prompt.length);
        }
        return longest;
    }
}
