package dev.tempest.rl;

/**
 * The clipped policy loss of a batch per token, and what PPO and GRPO report of it, each over
 * the counted tokens: the share clipped below (ratio under 1 - eps_low with a negative
 * advantage) and above (ratio over 1 + eps_high with a positive one), where the token's
 * gradient is 0; and the approximate KL between the policy and the one that sampled, as
 * mean (logp - old)^2 / 2 (TRL's PPO {@code approxkl}, whose mean also counts padding, where
 * the difference is 0) and as mean k3.
 */
public record PolicyTerms(TokenTerms terms, double lowClipped, double highClipped, double approxKl,
                          double approxKlK3) {

    /** The share of counted tokens clipped either way (TRL's {@code clipfrac}, {@code clip_ratio/region_mean}). */
    public double clipFraction() {
        return lowClipped + highClipped;
    }
}
