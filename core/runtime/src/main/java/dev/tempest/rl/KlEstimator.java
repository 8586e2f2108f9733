package dev.tempest.rl;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Schulman's estimators of KL(policy || reference) from one token sampled from the policy, with
 * logp its log-prob under the policy and ref under the reference ("Approximating KL
 * Divergence", 2020). Each has its derivative with respect to logp, the per-token weight of a
 * KL penalty in the loss (the reference is frozen).
 */
public enum KlEstimator {

    /** logp - ref: unbiased, high variance, negative on some tokens. */
    @JsonProperty("k1") K1 {
        @Override
        public double value(double logp, double ref) {
            return logp - ref;
        }

        @Override
        public double derivative(double logp, double ref) {
            return 1;
        }
    },

    /** (logp - ref)^2 / 2: biased, low variance, never negative; PPO's approximate KL. */
    @JsonProperty("k2") K2 {
        @Override
        public double value(double logp, double ref) {
            double logRatio = logp - ref;
            return logRatio * logRatio / 2;
        }

        @Override
        public double derivative(double logp, double ref) {
            return logp - ref;
        }
    },

    /**
     * exp(ref - logp) - (ref - logp) - 1: unbiased, low variance, never negative (GRPO's KL
     * penalty; TRL's {@code kl_estimator: k3}).
     */
    @JsonProperty("k3") K3 {
        @Override
        public double value(double logp, double ref) {
            double logRatio = ref - logp;
            return Math.expm1(logRatio) - logRatio;
        }

        @Override
        public double derivative(double logp, double ref) {
            return -Math.expm1(ref - logp);
        }
    };

    public abstract double value(double logp, double ref);

    /** d value / d logp. */
    public abstract double derivative(double logp, double ref);

    /** The mean of this estimate over the counted tokens of {@code logp} and {@code ref} (S*T). */
    public double mean(float[] logp, float[] ref, CompletionMask mask) {
        mask.checkTokens(logp.length, ref.length);
        double[] perToken = new double[logp.length];
        for (int i = 0; i < perToken.length; i++) {
            perToken[i] = mask.counts(i) ? value(logp[i], ref[i]) : 0;
        }
        return mask.mean(perToken);
    }
}
