package dev.tempest.rl;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How per-token loss terms of a batch of S completions become one loss. Each is a multiplier
 * per token, so that the loss is sum_t term_t * multiplier_t and its gradient
 * derivative_t * multiplier_t. The batch is everything one optimizer step sees: multipliers
 * computed over it and summed over micro-batches need no further scaling (TRL divides
 * {@code grpo} and {@code dr_grpo} by the gradient accumulation steps instead, which is the
 * same when micro-batches hold as many completions each).
 */
public enum LossAggregation {

    /**
     * The mean over each completion's tokens, then over completions (the original GRPO; TRL's
     * {@code loss_type: grpo}): 1 / (S * n_s). A long completion's tokens weigh less each. A
     * completion with no counted token counts in S with a loss of 0, as TRL's clamp(min=1) does.
     */
    @JsonProperty("sequence_mean") SEQUENCE_MEAN,

    /**
     * The sum over every counted token of the batch over their number (DAPO's token-level loss;
     * TRL's {@code dapo}, and PPO's masked mean): 1 / N. Every token weighs the same.
     */
    @JsonProperty("token_mean") TOKEN_MEAN,

    /**
     * The sum over every counted token over S * max_completion_length, a constant (Dr. GRPO;
     * TRL's {@code dr_grpo}): no length enters the weights, so no length bias.
     */
    @JsonProperty("constant") CONSTANT;

    /**
     * The multiplier of each token (S*T), 0 where it does not count. {@code maxCompletionLength}
     * is the longest completion the rollout may generate; only CONSTANT reads it.
     */
    public double[] multipliers(CompletionMask mask, int maxCompletionLength) {
        int S = mask.sequences();
        int T = mask.length();
        if (this == CONSTANT && maxCompletionLength < T) {
            throw new IllegalArgumentException("max_completion_length " + maxCompletionLength
                    + " is below the batch's " + T + " tokens per completion");
        }
        int N = mask.tokens();
        double[] multipliers = new double[S * T];
        for (int s = 0; s < S; s++) {
            double share = switch (this) {
                case SEQUENCE_MEAN -> 1.0 / ((double) S * Math.max(1, mask.tokens(s)));
                case TOKEN_MEAN -> 1.0 / Math.max(1, N);
                case CONSTANT -> 1.0 / ((double) S * maxCompletionLength);
            };
            for (int i = s * T; i < (s + 1) * T; i++) {
                multipliers[i] = mask.counts(i) ? share : 0;
            }
        }
        return multipliers;
    }

    /** The loss of {@code terms} aggregated so, and its gradient per token. */
    public TokenLoss aggregate(TokenTerms terms, CompletionMask mask, int maxCompletionLength) {
        mask.checkTokens(terms.loss().length);
        double[] multipliers = multipliers(mask, maxCompletionLength);
        double loss = 0;
        float[] gradient = new float[multipliers.length];
        for (int i = 0; i < multipliers.length; i++) {
            loss += terms.loss()[i] * multipliers[i];
            gradient[i] = (float) (terms.derivative()[i] * multipliers[i]);
        }
        return new TokenLoss(loss, gradient);
    }
}
