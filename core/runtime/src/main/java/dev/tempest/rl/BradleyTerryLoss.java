package dev.tempest.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reward model's loss, as TRL's RewardTrainer: per pair -log sigmoid(r_c - r_r - margin),
 * the Bradley-Terry likelihood that the chosen answer wins by at least the pair's margin
 * (Llama 2's margin loss), averaged over pairs; plus {@code centeringCoefficient} *
 * mean((r_c + r_r)^2), which keeps rewards centred on 0 (Eisenstein et al. 2023; TRL's
 * {@code center_rewards_coefficient}, 0 for none). The derivatives are with respect to the
 * rewards, the seed of the reward head's backward. Metrics: {@code accuracy}, the share of
 * pairs with r_c > r_r, and {@code margin}, the mean r_c - r_r (the pairs' own margins left
 * out), as TRL names them.
 */
public record BradleyTerryLoss(double centeringCoefficient) {

    public BradleyTerryLoss {
        if (!(centeringCoefficient >= 0)) {
            throw new IllegalArgumentException("the centring coefficient must be >= 0; got " + centeringCoefficient);
        }
    }

    /** {@code chosen}, {@code rejected} and {@code margins} are (P); margins null for none. */
    public PairLoss compute(double[] chosen, double[] rejected, double[] margins) {
        int P = chosen.length;
        if (rejected.length != P || margins != null && margins.length != P || P == 0) {
            throw new IllegalArgumentException("one chosen reward, one rejected reward (and one margin) per pair, for at"
                    + " least one pair; got " + P + ", " + rejected.length + (margins == null ? "" : ", " + margins.length));
        }
        double loss = 0;
        double[] dChosen = new double[P];
        double[] dRejected = new double[P];
        int correct = 0;
        double margin = 0;
        for (int p = 0; p < P; p++) {
            double z = chosen[p] - rejected[p] - (margins == null ? 0 : margins[p]);
            double sum = chosen[p] + rejected[p];
            loss += -Logistic.logSigmoid(z) + centeringCoefficient * sum * sum;
            // d(-log sigmoid(z))/dz = -sigmoid(-z); d(c * sum^2)/dr = 2 c sum for either reward.
            double dz = -Logistic.sigmoid(-z) / P;
            double dCentring = 2 * centeringCoefficient * sum / P;
            dChosen[p] = dz + dCentring;
            dRejected[p] = -dz + dCentring;
            correct += chosen[p] > rejected[p] ? 1 : 0;
            margin += chosen[p] - rejected[p];
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", (double) correct / P);
        metrics.put("margin", margin / P);
        return new PairLoss(loss / P, dChosen, dRejected, metrics);
    }
}
