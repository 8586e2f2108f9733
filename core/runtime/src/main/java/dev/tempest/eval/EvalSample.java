package dev.tempest.eval;

import dev.tempest.api.Verdict;

/** One generated answer to a task: its verdict, and how many tokens it took (whether it hit the limit). */
public record EvalSample(String taskId, String completion, Verdict verdict, int tokens, boolean truncated) {
}
