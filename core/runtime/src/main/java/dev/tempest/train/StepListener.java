package dev.tempest.train;

/** Hears about each finished optimiser step (what a progress bar shows), and what a resume had to decide. */
@FunctionalInterface
public interface StepListener {

    void stepDone(int step, int totalSteps, float loss, long tokensPerSecond);

    /** A line for the person running: a damaged checkpoint passed over, a device that changed. */
    default void notice(String message) {
    }
}
