package dev.tempest.optim;

/** A learning-rate schedule: the rate for each 0-based step. */
@FunctionalInterface
public interface LearningRate {

    float at(int step);

    static LearningRate constant(float lr) {
        return step -> lr;
    }

    /**
     * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then cosine decay to
     * {@code floor} at {@code totalSteps}, and {@code floor} after.
     */
    static LearningRate warmupCosine(float peak, float floor, int warmupSteps, int totalSteps) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warmup steps < total steps, got " + warmupSteps + " and " + totalSteps);
        }
        return step -> {
            if (step < warmupSteps) {
                return peak * (step + 1) / warmupSteps;
            }
            if (step >= totalSteps) {
                return floor;
            }
            double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
            return (float) (floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
