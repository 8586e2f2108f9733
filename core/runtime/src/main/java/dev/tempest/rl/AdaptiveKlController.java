package dev.tempest.rl;

/**
 * The adaptive KL coefficient of Ziegler et al. 2019 (TRL's {@code AdaptiveKLController}): it
 * steers the measured KL towards {@code target} by
 * beta *= 1 + clip(kl / target - 1, -0.2, 0.2) * steps / horizon, so it changes by at most
 * 20% per {@code horizon} completions.
 */
public record AdaptiveKlController(double coefficient, double target, double horizon) implements KlController {

    /** The most the error may count for, in either direction. */
    private static final double ERROR_CLIP = 0.2;

    public AdaptiveKlController {
        if (!(coefficient >= 0) || !(target > 0) || !(horizon > 0)) {
            throw new IllegalArgumentException("an adaptive KL controller needs a coefficient >= 0, a target KL > 0 and"
                    + " a horizon > 0; got " + coefficient + ", " + target + ", " + horizon);
        }
    }

    @Override
    public KlController updated(double kl, int steps) {
        double error = Math.max(-ERROR_CLIP, Math.min(ERROR_CLIP, kl / target - 1));
        return new AdaptiveKlController(coefficient * (1 + error * steps / horizon), target, horizon);
    }
}
