package dev.tempest.train;

/** Hears about each finished optimiser step: what a progress bar shows. */
@FunctionalInterface
public interface StepListener {

    void stepDone(int step, int totalSteps, float loss, long tokensPerSecond);
}
