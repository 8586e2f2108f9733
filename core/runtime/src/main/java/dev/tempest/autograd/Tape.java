package dev.tempest.autograd;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-mode differentiation: each op, as it runs forward, records how to send its output's
 * gradient back to its inputs; {@link #backward()} replays those steps in reverse order.
 */
public final class Tape {

    private final List<Runnable> steps = new ArrayList<>();

    public void record(Runnable backwardStep) {
        steps.add(backwardStep);
    }

    /** Runs every recorded step, last first, and forgets them. */
    public void backward() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).run();
        }
        steps.clear();
    }

    /** Forgets the recorded steps without running them (evaluation, or a step skipped). */
    public void clear() {
        steps.clear();
    }
}
