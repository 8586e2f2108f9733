package dev.tempest.rl;

/**
 * PPO's clipped value loss per token, as TRL's PPO trainer (and OpenAI's baselines):
 * loss_t = 0.5 * max((V - R)^2, (clip(V, V_old - eps, V_old + eps) - R)^2), R the return.
 * Its derivative with respect to V is V - R where the unclipped error is at least the clipped
 * one, and 0 where the clipped one is larger (V then lies outside the range, the clipped value
 * constant). TRL's {@code cliprange_value}; it averages over tokens ({@link LossAggregation#TOKEN_MEAN})
 * and weighs the result by {@code vf_coef}.
 */
public record ClippedValueLoss(double epsilon) {

    public ClippedValueLoss {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("the value clip range must be > 0; got " + epsilon);
        }
    }

    /**
     * The terms on the counted tokens: {@code values} from the value head being trained,
     * {@code oldValues} from it when the rollout was made, {@code returns} (GAE's), all (S*T).
     */
    public ValueTerms terms(float[] values, float[] oldValues, double[] returns, CompletionMask mask) {
        mask.checkTokens(values.length, oldValues.length, returns.length);
        TokenTerms terms = TokenTerms.zeros(values.length);
        double[] clipped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!mask.counts(i)) {
                continue;
            }
            double error = values[i] - returns[i];
            double clippedValue = Math.min(Math.max(values[i], (double) oldValues[i] - epsilon), (double) oldValues[i] + epsilon);
            double clippedError = clippedValue - returns[i];
            boolean clippedLarger = clippedError * clippedError > error * error;
            clipped[i] = clippedLarger ? 1 : 0;
            terms.loss()[i] = 0.5 * (clippedLarger ? clippedError * clippedError : error * error);
            terms.derivative()[i] = clippedLarger ? 0 : error;
        }
        return new ValueTerms(terms, mask.mean(clipped));
    }
}
