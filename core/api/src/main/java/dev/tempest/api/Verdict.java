package dev.tempest.api;

import java.util.Objects;

/**
 * The outcome of checking one completion: a reward {@code score} in [0, 1], a status, and a
 * reason a person can read ({@code expected 3/4, got 0.7}).
 */
public record Verdict(double score, VerdictStatus status, String reason) {

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }

    public static Verdict correct(String reason) {
        return new Verdict(1, VerdictStatus.CORRECT, reason);
    }

    public static Verdict incorrect(double partialScore, String reason) {
        return new Verdict(partialScore, VerdictStatus.INCORRECT, reason);
    }

    public static Verdict noAnswer(String reason) {
        return new Verdict(0, VerdictStatus.NO_ANSWER, reason);
    }
}
