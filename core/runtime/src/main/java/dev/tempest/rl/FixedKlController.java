package dev.tempest.rl;

/** A KL coefficient that never changes (TRL's {@code FixedKLController}). */
public record FixedKlController(double coefficient) implements KlController {

    @Override
    public KlController updated(double kl, int steps) {
        return this;
    }
}
