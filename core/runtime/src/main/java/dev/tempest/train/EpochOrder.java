package dev.tempest.train;

import dev.tempest.random.SeededRandom;
import java.util.List;

/**
 * Items handed out one at a time, epoch after epoch, each epoch in an order drawn anew from the
 * seed and the epoch alone. The whole state is how many were taken, so a checkpoint that saves it
 * makes a resumed run take the very items an uninterrupted one would.
 */
public final class EpochOrder<T> {

    private final List<T> items;
    private final long seed;
    private long taken;             // items handed out, over all epochs
    private int[] order;            // this epoch's permutation of the items
    private long orderEpoch = -1;

    public EpochOrder(List<T> items, long seed) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to hand out");
        }
        this.items = List.copyOf(items);
        this.seed = seed;
    }

    public T take() {
        T item = peek();
        taken++;
        return item;
    }

    /** The item {@link #take()} returns next. */
    public T peek() {
        long epoch = taken / items.size();
        if (epoch != orderEpoch) {
            order = new SeededRandom(seed * 1_000_003L + epoch).permutation(items.size());
            orderEpoch = epoch;
        }
        return items.get(order[(int) (taken % items.size())]);
    }

    /** Items handed out so far, over all epochs. */
    public long taken() {
        return taken;
    }

    public void seek(long taken) {
        this.taken = taken;
    }
}
