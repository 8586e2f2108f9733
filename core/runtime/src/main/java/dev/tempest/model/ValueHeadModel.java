package dev.tempest.model;

import dev.tempest.nn.Ops;
import dev.tempest.nn.ParameterArena;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A language model with a value head on its backbone, as TRL's {@code
 * AutoModelForCausalLMWithValueHead}: {@code v_head.summary.weight} (1, C) and {@code
 * v_head.summary.bias} (1) map each final hidden state to the expected return from there, what
 * PPO's critic predicts. The policy's parameters lead one arena and the head's follow, so the
 * Trainer's one optimiser and one checkpoint cover both. As a {@link LanguageModel} it is the
 * policy; {@link #values} reads the head.
 */
public final class ValueHeadModel implements LanguageModel {

    public static final String WEIGHT = "v_head.summary.weight";
    public static final String BIAS = "v_head.summary.bias";

    private final LanguageModel policy;
    private final ParameterArena parameters;  // the policy's, then the head's

    private ValueHeadModel(LanguageModel policy, ParameterArena parameters) {
        this.policy = policy;
        this.parameters = parameters;
    }

    /**
     * {@code lm} (of {@code family}) with a value head, on lm's backend: lm's weights copied, the
     * head drawn from N(0, 0.02) with a zero bias (so the first values are near 0).
     */
    public static ValueHeadModel attach(LanguageModel lm, ModelFamily family, SeededRandom random) {
        Map<String, int[]> shapes = new LinkedHashMap<>(Layouts.shapes(family.tensorLayout(lm.config())));
        int policyTensors = shapes.size();
        int C = lm.parameters().get(shapes.keySet().iterator().next()).dim(1);  // the embedding's width
        shapes.put(WEIGHT, new int[] {1, C});
        shapes.put(BIAS, new int[] {1});
        ParameterArena all = ParameterArena.allocate(lm.parameters().backend(), shapes);
        LanguageModel policy = family.create(all.leading(policyTensors), lm.config());
        for (String name : lm.parameters().parameters().keySet()) {
            policy.parameters().write(name, lm.parameters().read(name));
        }
        all.write(WEIGHT, random.normal(C, 0.02));
        return new ValueHeadModel(policy, all);
    }

    /** The policy alone: its parameters are the arena's leading ones, so it holds what training made. */
    public LanguageModel policy() {
        return policy;
    }

    /** values (rows, 1) from hidden states (rows, C) of this model's backbone. */
    public Tensor values(Ops ops, Tensor hidden) {
        return ops.linear(hidden, parameters.get(WEIGHT), parameters.get(BIAS));
    }

    @Override
    public Map<String, Object> config() {
        return policy.config();
    }

    @Override
    public ParameterArena parameters() {
        return parameters;
    }

    @Override
    public int vocabSize() {
        return policy.vocabSize();
    }

    @Override
    public int contextLength() {
        return policy.contextLength();
    }

    @Override
    public Tensor hiddenStates(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        return policy.hiddenStates(ops, tokens, at, cache);
    }

    @Override
    public Tensor head(Ops ops, Tensor hidden) {
        return policy.head(ops, hidden);
    }

    @Override
    public KvCache newCache(int B, int Tmax) {
        return policy.newCache(B, Tmax);
    }

    @Override
    public void initialize(SeededRandom random) {
        throw new UnsupportedOperationException("a value head goes on a trained policy, not one trained from scratch");
    }
}
