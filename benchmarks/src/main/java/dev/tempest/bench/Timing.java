package dev.tempest.bench;

import dev.tempest.generate.Generation;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seconds per generation of a batch, best and median over repetitions, and the new tokens each
 * made; the best counts, since on a shared machine the slow runs measure the neighbours.
 */
record Timing(double best, double median, int runs, long tokens) {

    double tokensPerSecond() {
        return tokens / best;
    }

    /**
     * Times {@code generate}: once, a warm-up of {@code seconds / 3}, then repetitions for
     * {@code seconds} (at least 3), as torch_generate.py does. Every repetition must give the
     * tokens of the first (same prompts, same seed), each sequence {@code newTokens} of them, with
     * log-probabilities near -ln V on average (fresh weights give near-uniform logits): a broken
     * generation stops the run instead of printing a speed.
     */
    static Timing measure(Supplier<List<Generation>> generate, double seconds, int V, int newTokens, String what) {
        List<Generation> first = generate.get();
        check(first, V, newTokens, what);
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) {
            generate.get();
        }
        double[] times = new double[1000];
        int runs = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || runs < 3) && runs < times.length) {
            long start = System.nanoTime();
            List<Generation> again = generate.get();
            times[runs++] = (System.nanoTime() - start) / 1e9;
            for (int b = 0; b < first.size(); b++) {
                if (!Arrays.equals(again.get(b).tokens(), first.get(b).tokens())) {
                    throw new IllegalStateException(what + ": sequence " + b + " changed between runs with one seed");
                }
            }
        }
        double[] sorted = Arrays.copyOf(times, runs);
        Arrays.sort(sorted);
        return new Timing(sorted[0], sorted[runs / 2], runs, (long) first.size() * newTokens);
    }

    private static void check(List<Generation> generations, int V, int newTokens, String what) {
        double sum = 0;
        for (Generation g : generations) {
            if (g.tokens().length != newTokens) {
                throw new IllegalStateException(what + ": a sequence got " + g.tokens().length + " tokens, not " + newTokens);
            }
            for (float logProb : g.logProbs()) {
                sum += logProb;
            }
        }
        double mean = sum / ((double) generations.size() * newTokens);
        if (!(Math.abs(mean + Math.log(V)) < 1)) {
            throw new IllegalStateException(what + ": mean log-prob " + mean + ", expected about -ln V = " + -Math.log(V));
        }
    }
}
