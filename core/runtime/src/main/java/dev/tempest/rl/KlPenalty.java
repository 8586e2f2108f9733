package dev.tempest.rl;

/**
 * The KL penalty a policy loss adds per token: beta * k(logp, ref), with the estimator's
 * derivative times beta as its per-token derivative (GRPO: k3, TRL's {@code beta}). beta = 0 is
 * no penalty at all: no reference model is loaded, no reference log-probs are passed.
 */
public record KlPenalty(double beta, KlEstimator estimator) {

    public KlPenalty {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("the KL coefficient beta must be finite and >= 0; got " + beta);
        }
    }

    /** GRPO's penalty: beta times the k3 estimate. */
    public static KlPenalty k3(double beta) {
        return new KlPenalty(beta, KlEstimator.K3);
    }

    /** Whether the stage needs the reference model's log-probs at all. */
    public boolean needsReference() {
        return beta != 0;
    }

    /**
     * The penalty's terms on the counted tokens of {@code logp} and {@code ref} (S*T); all 0,
     * with {@code ref} unread (it may be null), when beta is 0.
     */
    public TokenTerms terms(float[] logp, float[] ref, CompletionMask mask) {
        mask.checkTokens(logp.length);
        TokenTerms terms = TokenTerms.zeros(logp.length);
        if (!needsReference()) {
            return terms;
        }
        mask.checkTokens(ref.length);
        for (int i = 0; i < logp.length; i++) {
            if (mask.counts(i)) {
                terms.loss()[i] = beta * estimator.value(logp[i], ref[i]);
                terms.derivative()[i] = beta * estimator.derivative(logp[i], ref[i]);
            }
        }
        return terms;
    }
}
