package dev.tempest.generate;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.SamplingSettings;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;

/**
 * Draws the next token of each row of logits on the logits' own device
 * ({@link Backend#sampleTokens}: temperature, then top-k, then top-p), so only the chosen ids and
 * their log-probabilities come back to the host, never whole rows. The draws come from a seeded
 * stream, one per row per token: the same seed gives the same tokens.
 */
public final class Sampler {

    private final Backend backend;
    private final SamplingSettings settings;
    private final SeededRandom random;

    public Sampler(Backend backend, Sampling sampling) {
        this.backend = backend;
        this.settings = sampling.settings();
        this.random = new SeededRandom(sampling.seed());
    }

    /** One token per row of logits (rows, V), with its log-probability under the temperature-scaled distribution. */
    public SampledTokens next(Tensor logits) {
        int rows = logits.dim(0);
        float[] uniforms = new float[rows];
        for (int r = 0; r < rows; r++) {
            // nextDouble is below 1, but the nearest float may be 1: keep the draw in [0, 1).
            uniforms[r] = Math.min((float) random.nextDouble(), Math.nextDown(1f));
        }
        int[] ids = new int[rows];
        float[] logProbs = new float[rows];
        backend.sampleTokens(ids, logProbs, logits.data(), uniforms, rows, logits.dim(1), settings);
        return new SampledTokens(ids, logProbs);
    }
}
