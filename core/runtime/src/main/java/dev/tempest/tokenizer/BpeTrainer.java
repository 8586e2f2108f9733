package dev.tempest.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Learns a byte-level BPE vocabulary from text, the way GPT-2's was made: split with GPT-2's
 * pre-tokenizer, start from the 256 byte tokens (id = byte value), and repeatedly merge the
 * adjacent pair that occurs most often in the corpus.
 *
 * <p>Ties go to the pair whose left token's bytes are smallest, then whose right token's bytes
 * are (unsigned lexicographic order), so the result depends only on the corpus's word counts,
 * never on the order of the texts or of hash maps. Special tokens are cut out of the texts
 * before counting, so they never become part of merges, and get the ids after the learned ones.
 */
public final class BpeTrainer {

    private final int vocabSize;
    private final List<String> specialTokens;
    private final int minFrequency;

    /**
     * @param vocabSize     the size to reach, special tokens included; at least 256 + their number
     * @param minFrequency  the fewest occurrences a pair needs to be merged; training stops early,
     *                      below vocabSize, when no pair has that many
     */
    public BpeTrainer(int vocabSize, List<String> specialTokens, int minFrequency) {
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " leaves no room for the 256 byte tokens and "
                    + specialTokens.size() + " special tokens");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
        this.minFrequency = minFrequency;
    }

    /** Trains with minFrequency 2: a pair seen once would only memorize that one spot. */
    public static Tokenizer train(Iterable<String> texts, int vocabSize, List<String> specialTokens) {
        return new BpeTrainer(vocabSize, specialTokens, 2).train(texts);
    }

    public Tokenizer train(Iterable<String> texts) {
        Training training = new Training(countWords(texts));
        training.mergeUntil(vocabSize - specialTokens.size(), minFrequency);
        return new Tokenizer(training.vocab(), training.merges, Map.of()).withSpecialTokens(specialTokens);
    }

    /** Occurrences of each pre-tokenizer piece, with special tokens cut out first. */
    private Map<String, Long> countWords(Iterable<String> texts) {
        Map<String, Integer> cut = new LinkedHashMap<>();
        specialTokens.forEach(text -> cut.put(text, cut.size()));   // the ids are unused here
        SpecialTokens specials = new SpecialTokens(cut);
        Map<String, Long> counts = new HashMap<>();
        for (String text : texts) {
            specials.split(text, run -> PreTokenizer.forEachPiece(run, piece -> counts.merge(piece, 1L, Long::sum)), id -> { });
        }
        return counts;
    }

    /** A pair of adjacent token ids (BpeModel.pairKey) and how often it occurred when queued. */
    private record Candidate(long pair, long count) {
    }

    /** One training run: the corpus's distinct words as token ids, and where each adjacent pair occurs. */
    private static final class Training {

        // W = distinct words
        final List<String> tokens = new ArrayList<>();     // id -> vocabulary string
        final List<byte[]> bytes = new ArrayList<>();      // id -> the bytes it stands for
        final List<Merge> merges = new ArrayList<>();      // in the order learned, which is their rank
        final int[][] words;                               // (W) each word as token ids, rewritten as merges apply
        final long[] wordCounts;                           // (W) occurrences of each word
        final Map<Long, Long> pairCounts = new HashMap<>();         // pair -> occurrences in the corpus
        final Map<Long, Set<Integer>> pairWords = new HashMap<>();  // pair -> the words it occurs in (or did once)
        final PriorityQueue<Candidate> queue;              // most frequent first; entries go stale as counts change

        Training(Map<String, Long> corpus) {
            for (int b = 0; b < 256; b++) {
                add(new byte[] {(byte) b});
            }
            this.words = new int[corpus.size()][];
            this.wordCounts = new long[corpus.size()];
            int w = 0;
            for (Map.Entry<String, Long> entry : corpus.entrySet()) {
                byte[] utf8 = entry.getKey().getBytes(StandardCharsets.UTF_8);
                words[w] = IntStream.range(0, utf8.length).map(i -> utf8[i] & 0xFF).toArray();
                this.wordCounts[w] = entry.getValue();
                count(w, words[w], 1);
                w++;
            }
            Comparator<Candidate> order = Comparator.comparingLong(Candidate::count).reversed()
                    .thenComparing(c -> bytes.get((int) (c.pair() >>> 32)), Arrays::compareUnsigned)
                    .thenComparing(c -> bytes.get((int) c.pair()), Arrays::compareUnsigned);
            this.queue = new PriorityQueue<>(Math.max(1, pairCounts.size()), order);
            pairCounts.forEach((pair, count) -> queue.add(new Candidate(pair, count)));
        }

        Map<String, Integer> vocab() {
            Map<String, Integer> vocab = new LinkedHashMap<>();
            for (int id = 0; id < tokens.size(); id++) {
                vocab.put(tokens.get(id), id);
            }
            return vocab;
        }

        /** Merges the most frequent pair until the vocabulary has {@code size} tokens or no pair occurs minFrequency times. */
        void mergeUntil(int size, int minFrequency) {
            while (tokens.size() < size) {
                Candidate best = pollBest();
                if (best == null || best.count() < minFrequency) {
                    return;
                }
                apply(best.pair(), learn(best.pair()));
            }
        }

        /** The queue's first entry whose count is still true, or null when no pair is left. */
        private Candidate pollBest() {
            while (!queue.isEmpty()) {
                Candidate best = queue.poll();
                long count = pairCounts.getOrDefault(best.pair(), 0L);
                if (count == best.count()) {
                    return best;
                }
                if (count > 0) {   // the count fell since this entry was queued: requeue it at the true one
                    queue.add(new Candidate(best.pair(), count));
                }
            }
            return null;
        }

        /** Records the merge rule for {@code pair} and returns the new token's id. */
        private int learn(long pair) {
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            byte[] joined = Arrays.copyOf(bytes.get(left), bytes.get(left).length + bytes.get(right).length);
            System.arraycopy(bytes.get(right), 0, joined, bytes.get(left).length, bytes.get(right).length);
            merges.add(new Merge(tokens.get(left), tokens.get(right)));
            return add(joined);
        }

        private int add(byte[] tokenBytes) {
            tokens.add(ByteLevel.toToken(tokenBytes));
            bytes.add(tokenBytes);
            return tokens.size() - 1;
        }

        /** Rewrites every word holding {@code pair} with {@code id}, updating pair counts and queueing the new pairs. */
        private void apply(long pair, int id) {
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            Set<Long> created = new HashSet<>();
            for (int w : pairWords.remove(pair)) {
                int[] updated = replace(words[w], left, right, id);
                if (updated.length == words[w].length) {
                    continue;   // a stale entry: an earlier merge took this word's occurrences
                }
                count(w, words[w], -1);
                count(w, updated, 1);
                words[w] = updated;
                for (int i = 0; i + 1 < updated.length; i++) {
                    if (updated[i] == id || updated[i + 1] == id) {
                        created.add(BpeModel.pairKey(updated[i], updated[i + 1]));
                    }
                }
            }
            // Only pairs with the new token can have grown; the others' stale entries are requeued when they surface.
            created.forEach(p -> queue.add(new Candidate(p, pairCounts.get(p))));
        }

        /** Adds sign * (word's count) for each adjacent pair in {@code symbols}, and indexes the word under each. */
        private void count(int w, int[] symbols, int sign) {
            for (int i = 0; i + 1 < symbols.length; i++) {
                long pair = BpeModel.pairKey(symbols[i], symbols[i + 1]);
                long count = pairCounts.getOrDefault(pair, 0L) + sign * wordCounts[w];
                if (count == 0) {
                    pairCounts.remove(pair);
                } else {
                    pairCounts.put(pair, count);
                }
                if (sign > 0) {
                    pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(w);
                }
            }
        }

        /** {@code symbols} with each occurrence of (left, right) replaced by id, left to right, as BPE merges. */
        private static int[] replace(int[] symbols, int left, int right, int id) {
            int[] out = new int[symbols.length];
            int n = 0;
            for (int i = 0; i < symbols.length; i++) {
                if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                    out[n++] = id;
                    i++;
                } else {
                    out[n++] = symbols[i];
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
