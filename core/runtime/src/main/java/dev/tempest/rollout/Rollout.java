package dev.tempest.rollout;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.generate.Generation;
import dev.tempest.generate.StopReason;

/**
 * One completion of a task: its prompt's tokens, what the model generated (tokens and their
 * log-probabilities), the completion's text, and the verdict of the verifier the task names.
 */
public record Rollout(Task task, int[] prompt, Generation generation, String completion, Verdict verdict) {

    /** Whether the completion was cut off, at the token limit or the context, rather than ending by itself. */
    public boolean truncated() {
        return generation.stop() == StopReason.MAX_TOKENS || generation.stop() == StopReason.CONTEXT_FULL;
    }
}
