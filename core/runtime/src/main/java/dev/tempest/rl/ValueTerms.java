package dev.tempest.rl;

/**
 * The clipped value loss per token, and the share of counted tokens where the clipped error
 * was the larger, so the token's gradient is 0 (TRL's PPO {@code vf_clipfrac}).
 */
public record ValueTerms(TokenTerms terms, double clipFraction) {
}
