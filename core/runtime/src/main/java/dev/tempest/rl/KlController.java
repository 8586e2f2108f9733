package dev.tempest.rl;

/**
 * The coefficient of PPO's KL penalty in the rewards, and how it follows the KL measured on
 * each batch. Controllers are values: {@code updated} returns the next one, so the coefficient
 * is saved with a checkpoint and a resumed run continues from it.
 */
public interface KlController {

    double coefficient();

    /** The controller after a batch of {@code steps} completions whose mean KL was {@code kl}. */
    KlController updated(double kl, int steps);
}
