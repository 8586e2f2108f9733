package dev.tempest.rl;

/**
 * A loss per token before it is aggregated, and its derivative with respect to that token's
 * input (its log-prob, or its value for the value loss): {@code loss} and {@code derivative}
 * are (S*T), 0 at tokens that do not count. Terms of one batch add token by token (the policy
 * term and the KL penalty); {@link LossAggregation} turns them into one loss and its gradient.
 */
public record TokenTerms(double[] loss, double[] derivative) {

    public TokenTerms {
        if (loss.length != derivative.length) {
            throw new IllegalArgumentException(loss.length + " loss terms but " + derivative.length + " derivatives");
        }
    }

    public static TokenTerms zeros(int tokens) {
        return new TokenTerms(new double[tokens], new double[tokens]);
    }

    public TokenTerms plus(TokenTerms other) {
        if (other.loss.length != loss.length) {
            throw new IllegalArgumentException("adding terms of " + other.loss.length + " tokens to " + loss.length);
        }
        double[] sum = loss.clone();
        double[] dSum = derivative.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.loss[i];
            dSum[i] += other.derivative[i];
        }
        return new TokenTerms(sum, dSum);
    }
}
