package dev.tempest.rl;

/**
 * How much of the returns' variance the value head explains, over the counted tokens:
 * 1 - Var(R - V) / Var(R). 1 is a perfect critic, 0 one no better than a constant, below 0
 * worse. NaN when the returns do not vary (there is nothing to explain), as in CleanRL and
 * Stable-Baselines3.
 */
public final class ExplainedVariance {

    private ExplainedVariance() {
    }

    /** {@code values} and {@code returns} are (S*T). */
    public static double of(float[] values, double[] returns, CompletionMask mask) {
        mask.checkTokens(values.length, returns.length);
        double[] residuals = new double[values.length];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = returns[i] - values[i];
        }
        // Population variances: the ratio does not depend on Bessel's correction.
        double returnsVariance = mask.variance(returns);
        return returnsVariance == 0 ? Double.NaN : 1 - mask.variance(residuals) / returnsVariance;
    }
}
