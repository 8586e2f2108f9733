package dev.tempest.rl;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over each completion's counted
 * tokens, from the last back: delta_t = r_t + gamma * V_next - V_t,
 * A_t = delta_t + gamma * lambda * A_next, returns R_t = A_t + V_t, where next is the
 * completion's next counted token and, after its last, V_next = 0 and A_next = 0 (the episode
 * ends there). Tokens that do not count are skipped, wherever they lie.
 *
 * <p>TRL's PPO trainer runs the same recursion over the padded row instead, keeping the value
 * of the first padding token and placing the score there when it fits (its {@code
 * padding_mask_p1}), so its last real token bootstraps from a padding token's value. Here the
 * score belongs on the last counted token (see {@link KlShapedRewards}) and nothing past it
 * enters, as in Ziegler et al. 2019.
 */
public final class Gae {

    private Gae() {
    }

    /** {@code rewards} and {@code values} are (S*T); gamma and lambda in [0, 1]. */
    public static AdvantageEstimate estimate(double[] rewards, float[] values, CompletionMask mask, double gamma,
                                             double lambda) {
        if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("GAE needs gamma and lambda in [0, 1]; got " + gamma + " and " + lambda);
        }
        mask.checkTokens(rewards.length, values.length);
        int T = mask.length();
        double[] advantages = new double[rewards.length];
        double[] returns = new double[rewards.length];
        for (int s = 0; s < mask.sequences(); s++) {
            double nextValue = 0;
            double nextAdvantage = 0;
            for (int i = (s + 1) * T - 1; i >= s * T; i--) {
                if (!mask.counts(i)) {
                    continue;
                }
                double delta = rewards[i] + gamma * nextValue - values[i];
                advantages[i] = delta + gamma * lambda * nextAdvantage;
                returns[i] = advantages[i] + values[i];
                nextValue = values[i];
                nextAdvantage = advantages[i];
            }
        }
        return new AdvantageEstimate(advantages, returns);
    }
}
