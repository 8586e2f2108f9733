package dev.tempest.generate;

import dev.tempest.random.SeededRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Draws a token from one row of logits: temperature, then top-k, then top-p (nucleus). */
public final class Sampler {

    private final Sampling settings;
    private final SeededRandom random;

    public Sampler(Sampling settings) {
        this.settings = settings;
        this.random = new SeededRandom(settings.seed());
    }

    public int next(float[] logits) {
        if (settings.temperature() == 0) {
            return argmax(logits);
        }
        Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -logits[i])); // most likely first; stable on ties
        int kept = settings.topK() > 0 ? Math.min(settings.topK(), logits.length) : logits.length;
        double max = logits[order[0]];
        double[] weights = new double[kept];
        double total = 0;
        for (int r = 0; r < kept; r++) {
            weights[r] = Math.exp((logits[order[r]] - max) / settings.temperature());
            total += weights[r];
        }
        double mass = 0;
        for (int r = 0; r < kept; r++) { // the nucleus: the fewest tokens reaching top-p of the mass
            mass += weights[r];
            if (mass >= settings.topP() * total) {
                kept = r + 1;
                total = mass;
                break;
            }
        }
        double draw = random.nextDouble() * total;
        for (int r = 0; r < kept; r++) {
            draw -= weights[r];
            if (draw < 0) {
                return order[r];
            }
        }
        return order[kept - 1];
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
