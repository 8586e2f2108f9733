package dev.tempest.train;

/**
 * What a call to {@link Trainer#run()} did: it started at {@code firstStep} (later than 0 when
 * it resumed) and ended at {@code lastStep}; {@code lastLoss} is NaN when no step was left to run.
 */
public record TrainResult(int firstStep, int lastStep, float lastLoss) {

    public boolean ranSteps() {
        return lastStep > firstStep;
    }
}
