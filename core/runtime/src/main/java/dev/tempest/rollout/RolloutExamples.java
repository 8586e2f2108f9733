package dev.tempest.rollout;

import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Example;
import dev.tempest.train.ExampleBatches;
import dev.tempest.train.PolicyTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The completions of a rollout as training examples (prompt then completion, the loss on the
 * completion's tokens), cut into the batches of several passes over them; and values given per
 * completion token (the sampler's log-probabilities, advantages, a critic's values) laid out as
 * a batch's tokens, where a policy-gradient objective reads them.
 */
final class RolloutExamples {

    private final List<Example> examples;
    private final List<Integer> promptLengths;

    /** @param rollouts each with at least one completion token */
    RolloutExamples(List<Rollout> rollouts) {
        this.examples = rollouts.stream().map(RolloutExamples::example).toList();
        this.promptLengths = rollouts.stream().map(rollout -> rollout.prompt().length).toList();
    }

    int size() {
        return examples.size();
    }

    /** The examples of {@code part}, one a row in that order, right-padded to the longest. */
    Batch padded(List<Integer> part) {
        return ExampleBatches.padded(examples, part.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Every example, in order: row s is example s. */
    Batch all() {
        List<Integer> every = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            every.add(i);
        }
        return padded(every);
    }

    /**
     * {@code epochs} passes over the examples, each in its own order drawn from {@code seed} and
     * cut into {@code parts} parts (fewer when there are fewer examples): the example indices of
     * each optimiser step's batch, in the order they come.
     */
    List<List<Integer>> passes(int epochs, int parts, long seed) {
        int cut = Math.min(parts, examples.size());
        List<List<Integer>> batches = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = new SeededRandom(seed + epoch).permutation(examples.size());
            for (int p = 0; p < cut; p++) {
                List<Integer> part = new ArrayList<>();
                for (int k = p * order.length / cut; k < (p + 1) * order.length / cut; k++) {
                    part.add(order[k]);
                }
                batches.add(part);
            }
        }
        return batches;
    }

    /**
     * Values given per completion token, {@code perToken.get(e)} for example e (its completion's
     * length), laid out as {@code padded}'s tokens (B*W): each at the position that predicts its
     * token, 0 at prompt and padding positions.
     */
    float[] aligned(Batch padded, List<float[]> perToken) {
        int W = padded.T();
        float[] laid = new float[padded.inputs().length];  // (B*W)
        for (int i = 0; i < laid.length; i++) {
            int example = padded.sources()[i];
            if (example < 0 || padded.targets()[i] < 0) {
                continue;
            }
            laid[i] = perToken.get(example)[i % W + 1 - promptLengths.get(example)];  // column c predicts token c + 1
        }
        return laid;
    }

    /** {@code padded} with a rollout's per-token values and what making the rollout measured. */
    static Batch withPolicy(Batch padded, PolicyTokens policy, Map<String, Double> metrics) {
        return new Batch(padded.inputs(), padded.targets(), padded.at(), padded.tokens(), padded.sources(), policy, metrics);
    }

    /**
     * {@code model}'s log-probability (B*T) of each target token of {@code batch} at the sampling
     * {@code temperature}, the distribution the tokens were drawn from; 0 where there is no target.
     */
    static float[] logProbs(LanguageModel model, Batch batch, double temperature) {
        Ops ops = new Ops(model.parameters().backend(), null);
        Tensor logits = model.forward(ops, batch.inputs(), batch.at(), null);  // (B*T, V)
        if (temperature != 1 && temperature != 0) {
            logits = ops.scale(logits, (float) (1 / temperature));
        }
        return ops.read(ops.tokenLogProbs(logits, batch.targets()));
    }

    /** Prompt and completion as one example, the loss on the completion's tokens. */
    private static Example example(Rollout rollout) {
        int[] prompt = rollout.prompt();
        int[] completion = rollout.generation().tokens();
        int[] tokens = new int[prompt.length + completion.length];
        boolean[] trained = new boolean[tokens.length];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(completion, 0, tokens, prompt.length, completion.length);
        for (int t = prompt.length; t < tokens.length; t++) {
            trained[t] = true;
        }
        return new Example(tokens, trained);
    }
}
