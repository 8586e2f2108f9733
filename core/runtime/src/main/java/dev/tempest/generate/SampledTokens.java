package dev.tempest.generate;

/**
 * Tokens drawn by a {@link Sampler}, one per row: {@code ids} (rows) and {@code logProbs} (rows),
 * each token's log-probability under the distribution it was drawn from before top-k and top-p cut
 * it (what a policy-gradient stage compares against).
 */
public record SampledTokens(int[] ids, float[] logProbs) {
}
