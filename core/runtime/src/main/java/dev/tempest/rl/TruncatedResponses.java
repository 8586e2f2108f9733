package dev.tempest.rl;

/**
 * What happens to a response cut off at the length limit before it ended: it is trained on as
 * any other ({@link #kept}); its tokens carry no loss, though its reward still counts in its
 * group's statistics ({@link #maskedOut}: DAPO's overlong filtering, TRL's
 * {@code mask_truncated_completions}); or its reward is lowered by a penalty
 * ({@link #penalisedBy}: TRL's PPO {@code missing_eos_penalty}, DAPO's punishment of overlong
 * responses in its hard form).
 */
public record TruncatedResponses(boolean masked, double penalty) {

    public TruncatedResponses {
        if (!(penalty >= 0) || Double.isInfinite(penalty) || masked && penalty != 0) {
            throw new IllegalArgumentException("truncated responses are masked or penalised by a finite penalty >= 0,"
                    + " not both; got masked=" + masked + ", penalty=" + penalty);
        }
    }

    public static TruncatedResponses kept() {
        return new TruncatedResponses(false, 0);
    }

    public static TruncatedResponses maskedOut() {
        return new TruncatedResponses(true, 0);
    }

    public static TruncatedResponses penalisedBy(double penalty) {
        return new TruncatedResponses(false, penalty);
    }

    /** Each response's reward (S), less the penalty where {@code truncated} (S). */
    public double[] rewards(double[] rewards, boolean[] truncated) {
        if (rewards.length != truncated.length) {
            throw new IllegalArgumentException(rewards.length + " rewards for " + truncated.length + " responses");
        }
        double[] after = rewards.clone();
        for (int s = 0; s < after.length; s++) {
            after[s] -= truncated[s] ? penalty : 0;
        }
        return after;
    }

    /** The tokens that carry loss: without the truncated responses' when they are masked. */
    public CompletionMask lossMask(CompletionMask mask, boolean[] truncated) {
        return masked ? mask.without(truncated) : mask;
    }
}
