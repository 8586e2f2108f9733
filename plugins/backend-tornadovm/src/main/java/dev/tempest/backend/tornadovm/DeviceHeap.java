package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.DeviceException;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which floats of the device heap are in use: first fit over a free list whose neighbours
 * merge. The SPI has no free, so a range returns to the heap when the last buffer over it
 * becomes unreachable (a Cleaner). Device memory is invisible to the JVM's collector: a request
 * that does not fit asks for a collection and waits for the cleaner before giving up.
 */
final class DeviceHeap {

    /** Ranges start on 64-byte boundaries. */
    private static final int ALIGN = 16;
    private static final Cleaner CLEANER = Cleaner.create();

    private final String device;
    private final int capacity;
    private final TreeMap<Integer, Integer> free = new TreeMap<>(); // start -> length, disjoint, never adjacent
    private long used;

    DeviceHeap(String device, int capacity) {
        this.device = device;
        this.capacity = capacity;
        free.put(0, capacity);
    }

    /** The allocation of {@code length} floats; its range is free again once the allocation is unreachable. */
    Allocation allocate(int length) {
        int size = (Math.max(length, 1) + ALIGN - 1) / ALIGN * ALIGN;
        for (int attempt = 0; attempt < 8; attempt++) {
            int start = reserve(size);
            if (start >= 0) {
                Allocation allocation = new Allocation(start);
                CLEANER.register(allocation, () -> release(start, size));
                return allocation;
            }
            System.gc(); // the cleaner then releases what unreachable buffers held, on its own thread
            sleep(10L << attempt);
        }
        throw new DeviceException(device + ": out of device memory: " + length + " floats requested, " + usedMiB()
                + " MiB of " + capacity / (1 << 18) + " MiB in use; raise -Dtempest.tornadovm.memory (and TornadoVM's"
                + " -Dtornado.device.memory) if the device has room");
    }

    /** The start of a free range of {@code size} floats, now reserved, or -1. */
    private synchronized int reserve(int size) {
        for (Map.Entry<Integer, Integer> range : free.entrySet()) {
            if (range.getValue() >= size) {
                int start = range.getKey();
                free.remove(start);
                if (range.getValue() > size) {
                    free.put(start + size, range.getValue() - size);
                }
                used += size;
                return start;
            }
        }
        return -1;
    }

    private synchronized void release(int start, int size) {
        used -= size;
        int end = start + size;
        Map.Entry<Integer, Integer> before = free.floorEntry(start);
        if (before != null && before.getKey() + before.getValue() == start) {
            start = before.getKey();
        }
        Integer after = free.remove(end);
        free.put(start, end - start + (after == null ? 0 : after));
    }

    private synchronized long usedMiB() {
        return used / (1 << 18);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while waiting for device memory", e);
        }
    }

    /** One reserved range; every buffer over it holds it, so it stays reserved while any is reachable. */
    static final class Allocation {
        final int start;

        private Allocation(int start) {
            this.start = start;
        }
    }
}
