package dev.tempest.rl;

/**
 * Advantages and returns per token (S*T), 0 at tokens that do not count: the returns are the
 * value loss's targets, advantages + values.
 */
public record AdvantageEstimate(double[] advantages, double[] returns) {
}
