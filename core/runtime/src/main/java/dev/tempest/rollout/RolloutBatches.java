package dev.tempest.rollout;

import dev.tempest.train.Batch;
import dev.tempest.train.Batches;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Batches an RL stage makes from rollouts of its own policy: when the queue is empty, the next
 * rollout is drawn and queued as batches. The position is how many prompts were drawn: rollout
 * n's prompts and random streams follow from it, so a run resumed between rollouts (where a
 * checkpoint is taken) makes the same ones.
 */
abstract class RolloutBatches implements Batches {

    /** The queued batches of the current rollout; the first of each carries the rollout's numbers. */
    protected final Deque<Batch> pending = new ArrayDeque<>();
    protected long promptsDrawn;

    /** Draws prompts from {@link #promptsDrawn} on, answers and rewards them, and queues at least one batch. */
    protected abstract void rollout();

    @Override
    public Batch next() {
        if (pending.isEmpty()) {
            rollout();
        }
        return pending.poll();
    }

    @Override
    public long position() {
        return promptsDrawn;
    }

    @Override
    public void seek(long position) {
        promptsDrawn = position;
        pending.clear();
    }

    @Override
    public boolean atBoundary() {
        return pending.isEmpty();
    }
}
