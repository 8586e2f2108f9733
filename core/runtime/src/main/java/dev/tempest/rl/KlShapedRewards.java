package dev.tempest.rl;

/**
 * PPO's per-token rewards for RLHF (Ziegler et al. 2019; TRL's PPO trainer): each counted token
 * pays -kl_coef * k(logp, ref), and the completion's last counted token also gets its score
 * (from the reward model or a verifier). {@code meanKl} is the KL of a completion, the sum of
 * k over its counted tokens, averaged over completions: TRL's {@code objective/kl}, what the
 * adaptive controller is updated with.
 *
 * @param rewards (S*T)
 */
public record KlShapedRewards(double[] rewards, double meanKl) {

    /**
     * {@code scores} (S), one per completion; {@code logp} and {@code ref} (S*T) from the policy
     * that sampled and the reference. TRL's estimator by default is k1, whose per-token
     * values may be negative.
     */
    public static KlShapedRewards of(double[] scores, float[] logp, float[] ref, CompletionMask mask,
                                     double klCoefficient, KlEstimator estimator) {
        mask.checkTokens(logp.length, ref.length);
        if (scores.length != mask.sequences()) {
            throw new IllegalArgumentException(scores.length + " scores for " + mask.sequences() + " completions");
        }
        int T = mask.length();
        double[] rewards = new double[logp.length];
        double klSum = 0;
        for (int s = 0; s < mask.sequences(); s++) {
            int last = -1;
            for (int i = s * T; i < (s + 1) * T; i++) {
                if (mask.counts(i)) {
                    double kl = estimator.value(logp[i], ref[i]);
                    klSum += kl;
                    rewards[i] = -klCoefficient * kl;
                    last = i;
                }
            }
            if (last >= 0) {
                rewards[last] += scores[s];
            }
        }
        return new KlShapedRewards(rewards, mask.sequences() == 0 ? 0 : klSum / mask.sequences());
    }
}
