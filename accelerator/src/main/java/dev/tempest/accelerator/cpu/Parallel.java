package dev.tempest.accelerator.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits work over a fixed number of threads. The split of [0, n) depends only on n and the
 * thread count, never on timing, so every result (reductions included) is the same bit for
 * bit from run to run with the same thread count.
 */
public final class Parallel implements AutoCloseable {

    /** Work on the items [from, to) of one chunk; {@code chunk} is the chunk's index. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int chunk, int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool; // null for one thread: everything runs on the caller

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public int threads() {
        return threads;
    }

    /** How many chunks {@link #forRange} cuts [0, n) into: at most one per thread, none empty. */
    public int chunks(int n) {
        return Math.max(1, Math.min(threads, n));
    }

    /** Runs {@code task} on {@link #chunks(int) chunks(n)} contiguous chunks of [0, n), in parallel, and waits. */
    public void forRange(int n, RangeTask task) {
        int chunks = chunks(n);
        if (chunks == 1 || pool == null) {
            for (int chunk = 0; chunk < chunks; chunk++) {
                task.run(chunk, start(n, chunks, chunk), start(n, chunks, chunk + 1));
            }
            return;
        }
        RecursiveAction[] actions = new RecursiveAction[chunks];
        for (int chunk = 0; chunk < chunks; chunk++) {
            int index = chunk;
            actions[chunk] = new RecursiveAction() {
                @Override
                protected void compute() {
                    task.run(index, start(n, chunks, index), start(n, chunks, index + 1));
                }
            };
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(actions);
            }
        });
    }

    /** The first item of {@code chunk} when [0, n) is cut into {@code chunks} near-equal pieces. */
    static int start(int n, int chunks, int chunk) {
        return (int) ((long) n * chunk / chunks);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
