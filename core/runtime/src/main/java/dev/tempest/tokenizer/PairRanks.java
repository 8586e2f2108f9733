package dev.tempest.tokenizer;

import java.util.Arrays;

/**
 * Merge ranks by pair of token ids, without boxing: the merge loop looks a pair up for every
 * candidate, and a HashMap&lt;Long, Integer&gt; made that its main cost. Open addressing,
 * linear probing, at most half full.
 */
final class PairRanks {

    private final long[] keys;    // (capacity) BpeModel.pairKey of the pair in each slot
    private final int[] ranks;    // (capacity) its rank; -1 marks a free slot
    private final int mask;

    PairRanks(int pairs) {
        int capacity = Integer.highestOneBit(Math.max(pairs, 2) * 2) * 2;
        keys = new long[capacity];
        ranks = new int[capacity];
        Arrays.fill(ranks, -1);
        mask = capacity - 1;
    }

    /** The rank of (left, right), or -1 if they do not merge. */
    int get(int left, int right) {
        long key = BpeModel.pairKey(left, right);
        for (int slot = slot(key); ranks[slot] >= 0; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return ranks[slot];
            }
        }
        return -1;
    }

    /** Stores rank for (left, right) unless the pair has one; returns the rank it had, or -1. */
    int putIfAbsent(int left, int right, int rank) {
        long key = BpeModel.pairKey(left, right);
        int slot = slot(key);
        for (; ranks[slot] >= 0; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return ranks[slot];
            }
        }
        keys[slot] = key;
        ranks[slot] = rank;
        return -1;
    }

    private int slot(long key) {
        return (int) (key * 0x9E3779B97F4A7C15L >>> 32) & mask;   // Fibonacci hashing spreads sequential ids
    }
}
