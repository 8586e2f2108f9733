package dev.tempest.rl;

/**
 * One aggregated loss and its gradient with respect to each token's input (S*T): for a policy
 * loss, d loss / d logp, the per-token weights {@code Ops.tokenLogProbs}'s gradient takes as
 * they are (negative where the loss wants the token more likely); for the value loss, d loss /
 * d V, the value head's gradient. Float, as the backend takes it.
 */
public record TokenLoss(double loss, float[] gradient) {
}
