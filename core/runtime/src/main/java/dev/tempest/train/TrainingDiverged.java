package dev.tempest.train;

/** A loss or gradient that is NaN or infinite: training stops, naming the step and the tensor. */
public final class TrainingDiverged extends RuntimeException {

    public TrainingDiverged(String message) {
        super(message);
    }
}
