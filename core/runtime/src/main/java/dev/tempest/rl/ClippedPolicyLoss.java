package dev.tempest.rl;

/**
 * PPO's clipped surrogate per token (Schulman et al. 2017), with DAPO's separate lower and
 * upper clip ranges ("clip-higher"): with ratio = exp(logp - old),
 * loss_t = -min(ratio * A_t, clip(ratio, 1 - eps_low, 1 + eps_high) * A_t). Its derivative
 * with respect to logp is -ratio * A_t where the unclipped branch is the minimum and 0 where
 * the clipped one is (the clipped ratio is constant there). PPO and GRPO both use it, with
 * advantages from GAE or from group statistics; TRL's {@code cliprange}, or {@code epsilon}
 * and {@code epsilon_high}.
 */
public record ClippedPolicyLoss(double epsilonLow, double epsilonHigh) {

    public ClippedPolicyLoss {
        if (!(epsilonLow > 0 && epsilonLow < 1) || !(epsilonHigh > 0) || Double.isInfinite(epsilonHigh)) {
            throw new IllegalArgumentException("clip ranges need 0 < eps_low < 1 and 0 < eps_high < infinity; got "
                    + epsilonLow + " and " + epsilonHigh);
        }
    }

    /**
     * The terms on the counted tokens: {@code logp} under the policy being trained, {@code old}
     * under the policy that sampled the tokens (equal to logp on the first pass over a
     * rollout), {@code advantages}, all (S*T).
     */
    public PolicyTerms terms(float[] logp, float[] old, double[] advantages, CompletionMask mask) {
        mask.checkTokens(logp.length, old.length, advantages.length);
        TokenTerms terms = TokenTerms.zeros(logp.length);
        double[] lowClipped = new double[logp.length];
        double[] highClipped = new double[logp.length];
        for (int i = 0; i < logp.length; i++) {
            if (!mask.counts(i)) {
                continue;
            }
            double advantage = advantages[i];
            double ratio = Math.exp((double) logp[i] - old[i]);
            double clipped = Math.min(Math.max(ratio, 1 - epsilonLow), 1 + epsilonHigh);
            // The clipped branch is the minimum, strictly, only outside the range on the side the advantage pushes to.
            boolean clippedBelow = advantage < 0 && ratio < 1 - epsilonLow;
            boolean clippedAbove = advantage > 0 && ratio > 1 + epsilonHigh;
            lowClipped[i] = clippedBelow ? 1 : 0;
            highClipped[i] = clippedAbove ? 1 : 0;
            boolean clippedBranch = clippedBelow || clippedAbove;
            terms.loss()[i] = -(clippedBranch ? clipped : ratio) * advantage;
            terms.derivative()[i] = clippedBranch ? 0 : -ratio * advantage;
        }
        return new PolicyTerms(terms, mask.mean(lowClipped), mask.mean(highClipped),
                KlEstimator.K2.mean(logp, old, mask), KlEstimator.K3.mean(logp, old, mask));
    }
}
