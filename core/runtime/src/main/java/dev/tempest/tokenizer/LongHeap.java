package dev.tempest.tokenizer;

import java.util.Arrays;

/** A min-heap of primitive longs: BPE's merge loop queues millions of candidates and boxing them dominated its time. */
final class LongHeap {

    private long[] values;
    private int size;

    LongHeap(int capacity) {
        values = new long[Math.max(capacity, 4)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peek() {
        return values[0];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0 && values[(i - 1) / 2] > value) {   // sift up
            values[i] = values[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        values[i] = value;
    }

    long poll() {
        long top = values[0];
        long last = values[--size];
        int i = 0;
        while (2 * i + 1 < size) {   // sift down
            int child = 2 * i + 1;
            if (child + 1 < size && values[child + 1] < values[child]) {
                child++;
            }
            if (values[child] >= last) {
                break;
            }
            values[i] = values[child];
            i = child;
        }
        values[i] = last;
        return top;
    }
}
