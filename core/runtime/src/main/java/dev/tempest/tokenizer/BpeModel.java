package dev.tempest.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Byte-level BPE: a piece's UTF-8 bytes start as one-byte tokens, then merge by rank. */
final class BpeModel {

    /** Pieces repeat (Zipf), so caching their ids pays; the bound keeps a stream of unique pieces from growing it forever. */
    private static final int CACHE_LIMIT = 1 << 16;

    private final List<Merge> merges;        // (M) in rank order
    private final int[] byteIds;             // (256) byte -> id of its one-byte token
    private final PairRanks ranks;           // (left id, right id) -> rank
    private final int[] mergedIds;           // (M) rank -> id of left + right
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();   // piece -> its ids

    /** Throws IllegalArgumentException naming the byte or merge that the vocabulary lacks. */
    BpeModel(Map<String, Integer> vocab, List<Merge> merges) {
        this.merges = List.copyOf(merges);
        this.byteIds = new int[256];
        for (int b = 0; b < 256; b++) {
            String token = ByteLevel.toToken(new byte[] {(byte) b});
            Integer id = vocab.get(token);
            if (id == null) {
                throw new IllegalArgumentException(String.format(
                        "the vocabulary has no token for byte 0x%02X (\"%s\"); byte-level BPE needs all 256", b, token));
            }
            byteIds[b] = id;
        }
        this.ranks = new PairRanks(merges.size());
        this.mergedIds = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            Merge merge = merges.get(rank);
            int earlier = ranks.putIfAbsent(idOf(vocab, merge.left(), rank, merge), idOf(vocab, merge.right(), rank, merge), rank);
            if (earlier >= 0) {
                throw new IllegalArgumentException(describe(rank, merge) + " repeats merge " + earlier);
            }
            mergedIds[rank] = idOf(vocab, merge.merged(), rank, merge);
        }
    }

    static long pairKey(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    List<Merge> merges() {
        return merges;
    }

    /** The ids of one pre-tokenized piece. The array is shared: callers must not change it. */
    int[] encode(String piece) {
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = merge(piece.getBytes(StandardCharsets.UTF_8));
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(piece, ids);
        }
        return ids;
    }

    /**
     * GPT-2's loop: find the lowest-ranked adjacent pair, merge its every occurrence in one
     * left-to-right sweep, repeat until no pair has a rank. A heap of candidate pairs replaces
     * the rescans, which keeps long pieces O(n log n) instead of quadratic; pairs that a sweep
     * creates wait until the sweep ends, as they do in GPT-2.
     */
    private int[] merge(byte[] bytes) {
        int n = bytes.length;
        int[] ids = new int[n];    // (n) the symbol starting at each byte position; -1 once merged into its left
        int[] prev = new int[n];   // (n) position of the symbol before, -1 at the start
        int[] next = new int[n];   // (n) position of the symbol after, n at the end
        LongHeap candidates = new LongHeap(n);        // rank << 32 | position: lowest rank, then leftmost
        long[] created = new long[2 * n];             // candidates found during the current sweep
        for (int i = 0; i < n; i++) {
            ids[i] = byteIds[bytes[i] & 0xFF];
            prev[i] = i - 1;
            next[i] = i + 1;
        }
        for (int i = 0; i + 1 < n; i++) {
            int rank = ranks.get(ids[i], ids[i + 1]);
            if (rank >= 0) {
                candidates.add(candidate(rank, i));
            }
        }
        int symbols = n;
        while (!candidates.isEmpty()) {
            int rank = (int) (candidates.peek() >>> 32);
            int createdCount = 0;
            while (!candidates.isEmpty() && (int) (candidates.peek() >>> 32) == rank) {
                int at = (int) candidates.poll();
                int right = next[at];
                // A candidate is stale once either of its symbols took part in another merge.
                if (right == n || ranks.get(ids[at], ids[right]) != rank) {
                    continue;
                }
                ids[at] = mergedIds[rank];
                ids[right] = -1;
                next[at] = next[right];
                symbols--;
                if (next[at] < n) {
                    prev[next[at]] = at;
                    int after = ranks.get(ids[at], ids[next[at]]);
                    if (after >= 0) {
                        created[createdCount++] = candidate(after, at);
                    }
                }
                if (prev[at] >= 0) {
                    int before = ranks.get(ids[prev[at]], ids[at]);
                    if (before >= 0) {
                        created[createdCount++] = candidate(before, prev[at]);
                    }
                }
            }
            for (int i = 0; i < createdCount; i++) {
                candidates.add(created[i]);
            }
        }
        int[] out = new int[symbols];
        for (int i = 0, at = 0; at < n; at = next[at]) {
            out[i++] = ids[at];
        }
        return out;
    }

    private static long candidate(int rank, int position) {
        return (long) rank << 32 | position;
    }

    private static int idOf(Map<String, Integer> vocab, String token, int rank, Merge merge) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException(describe(rank, merge) + ": \"" + token + "\" is not in the vocabulary");
        }
        return id;
    }

    private static String describe(int rank, Merge merge) {
        return "merge " + rank + " (\"" + merge.left() + "\" \"" + merge.right() + "\")";
    }
}
