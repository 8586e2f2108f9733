package dev.tempest.train;

/**
 * What a policy-gradient objective needs per token of a rollout batch, laid out as the batch's
 * tokens (B*T), read only where the batch has a target: the log-probability each sampled token
 * had under the policy that sampled it, under the frozen reference (null without a KL penalty),
 * and the token's advantage; for an actor-critic (PPO) also the value head's prediction when the
 * rollout was made and the return it is trained towards (both null for GRPO, which has no critic).
 */
public record PolicyTokens(float[] oldLogProbs, float[] referenceLogProbs, float[] advantages, float[] oldValues,
                           float[] returns) {

    /** Without a critic. */
    public PolicyTokens(float[] oldLogProbs, float[] referenceLogProbs, float[] advantages) {
        this(oldLogProbs, referenceLogProbs, advantages, null, null);
    }
}
