package dev.tempest.rl;

/**
 * TRL's {@code masked_whiten}: values scaled to unit variance over the counted tokens of a
 * batch, (x - mean) / sqrt(var + 1e-8), var with Bessel's correction as TRL's
 * {@code masked_var}; with {@code shiftMean} false the mean is added back, so only the scale
 * changes (how TRL's PPO whitens rewards; advantages are shifted too). Tokens that do not
 * count come back 0, as TRL fills them after whitening.
 */
public final class Whitening {

    /** TRL's guard against a zero variance. */
    private static final double EPSILON = 1e-8;

    private Whitening() {
    }

    /** {@code values} is (S*T); at least two tokens must count, for a sample variance. */
    public static double[] whiten(double[] values, CompletionMask mask, boolean shiftMean) {
        mask.checkTokens(values.length);
        int count = mask.tokens();
        if (count < 2) {
            throw new IllegalArgumentException("whitening needs at least 2 counted tokens for a variance; got " + count
                    + " (a larger batch has more)");
        }
        double mean = mask.mean(values);
        double sampleVariance = mask.variance(values) * count / (count - 1);
        double scale = 1 / Math.sqrt(sampleVariance + EPSILON);
        double[] whitened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (mask.counts(i)) {
                whitened[i] = (values[i] - mean) * scale + (shiftMean ? 0 : mean);
            }
        }
        return whitened;
    }
}
