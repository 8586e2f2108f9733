package dev.tempest.generate;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.Arrays;

/**
 * Draws the next token of each row of logits on the logits' own device
 * ({@link Backend#sampleTokens}: temperature, then top-k, then top-p), so only the chosen ids and
 * their log-probabilities come back to the host, never whole rows. Row r is sequence
 * {@code firstIndex + r} of a batch and draws one uniform per token from that sequence's own
 * stream, {@link SeededRandom#stream}(seed, index): a sequence's tokens depend on the seed, its
 * index and its logits, never on the sequences beside it.
 */
public final class Sampler {

    private final Backend backend;
    private final SamplingSettings settings;
    private final SeededRandom[] streams; // (sequences) one per sequence

    public Sampler(Backend backend, Sampling sampling, int firstIndex, int sequences) {
        this.backend = backend;
        this.settings = sampling.settings();
        this.streams = new SeededRandom[sequences];
        for (int i = 0; i < sequences; i++) {
            streams[i] = SeededRandom.stream(sampling.seed(), firstIndex + (long) i);
        }
    }

    /**
     * One token per row of logits (sequences, V), row r for sequence r, with its log-probability
     * under the temperature-scaled distribution.
     */
    public SampledTokens next(Tensor logits) {
        int[] every = new int[streams.length];
        Arrays.setAll(every, i -> i);
        return next(logits, every);
    }

    /** As above, for a batch that holds some of the sequences: row r of logits (rows, V) is sequence {@code sequences[r]}. */
    public SampledTokens next(Tensor logits, int[] sequences) {
        int rows = logits.dim(0);
        if (rows != sequences.length) {
            throw new IllegalArgumentException(rows + " rows of logits for " + sequences.length + " sequences");
        }
        float[] uniforms = new float[rows];
        for (int r = 0; r < rows; r++) {
            // nextDouble is below 1, but the nearest float may be 1: keep the draw in [0, 1).
            uniforms[r] = Math.min((float) streams[sequences[r]].nextDouble(), Math.nextDown(1f));
        }
        int[] ids = new int[rows];
        float[] logProbs = new float[rows];
        backend.sampleTokens(ids, logProbs, logits.data(), uniforms, rows, logits.dim(1), settings);
        return new SampledTokens(ids, logProbs);
    }
}
