package dev.tempest.rl;

/**
 * GRPO's advantages: each completion's reward against the other completions of its prompt,
 * r - mean(group), divided by (std(group) + 1e-4) when {@code scaleByStd} (DeepSeekMath's
 * GRPO; TRL's {@code scale_rewards: group}, its default). Off by default here, as Dr. GRPO
 * argues: the division weighs prompts whose rewards barely vary (nearly all right or all
 * wrong) most. The std has
 * Bessel's correction and the 1e-4 is TRL's. A group whose rewards are all equal has only zero
 * advantages and teaches nothing; they are counted (TRL's {@code frac_reward_zero_std}; TRL
 * tests the std with isclose, here the rewards are compared exactly).
 *
 * <p>Each completion's advantage applies to every one of its tokens ({@link CompletionMask#spread}).
 *
 * @param advantages          (S), S = groups * G, in the order of the rewards
 * @param zeroVarianceGroups  the groups whose rewards were all equal
 */
public record GroupAdvantages(double[] advantages, int groups, int zeroVarianceGroups) {

    /** TRL's guard against a zero std. */
    private static final double EPSILON = 1e-4;

    /** The advantages without the std division, Dr. GRPO's and the default. */
    public static GroupAdvantages of(double[] rewards, int groupSize) {
        return of(rewards, groupSize, false);
    }

    /** {@code rewards} (S): each group's G completions one after another, as they were sampled. */
    public static GroupAdvantages of(double[] rewards, int groupSize, boolean scaleByStd) {
        if (groupSize < 2 || rewards.length % groupSize != 0) {
            throw new IllegalArgumentException("group advantages need groups of at least 2 completions, and whole"
                    + " groups: " + rewards.length + " rewards in groups of " + groupSize);
        }
        int groups = rewards.length / groupSize;
        double[] advantages = new double[rewards.length];
        int zeroVariance = 0;
        for (int g = 0; g < groups; g++) {
            int from = g * groupSize;
            double sum = 0;
            boolean allEqual = true;
            for (int i = from; i < from + groupSize; i++) {
                sum += rewards[i];
                allEqual &= rewards[i] == rewards[from];
            }
            if (allEqual) {
                // Exactly 0, where the rounded mean could leave a residue of 1e-17 for the std to magnify.
                zeroVariance++;
                continue;
            }
            double mean = sum / groupSize;
            double squares = 0;
            for (int i = from; i < from + groupSize; i++) {
                squares += (rewards[i] - mean) * (rewards[i] - mean);
            }
            double std = Math.sqrt(squares / (groupSize - 1));
            for (int i = from; i < from + groupSize; i++) {
                advantages[i] = scaleByStd ? (rewards[i] - mean) / (std + EPSILON) : rewards[i] - mean;
            }
        }
        return new GroupAdvantages(advantages, groups, zeroVariance);
    }

    /** The share of groups whose rewards were all equal (TRL's {@code frac_reward_zero_std}). */
    public double zeroVarianceShare() {
        return groups == 0 ? 0 : (double) zeroVarianceGroups / groups;
    }
}
