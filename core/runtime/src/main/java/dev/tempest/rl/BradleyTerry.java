package dev.tempest.rl;

/**
 * The Bradley-Terry loss of a reward model on P preference pairs, as TRL's RewardTrainer has it:
 * the mean over pairs of -log sigmoid(r_chosen - r_rejected - margin), the negative
 * log-likelihood that the chosen answer wins when P(win) = sigmoid(reward difference); a pair's
 * margin asks for a larger difference where the preference was stronger (Llama 2's reward
 * models). With a centring coefficient c it adds c * mean((r_chosen + r_rejected)^2), which
 * keeps rewards near 0 without changing which answer wins (Eisenstein et al. 2023): the model's
 * scale is otherwise free, since only differences enter the loss.
 */
public final class BradleyTerry {

    /**
     * The loss, its derivative with respect to each reward (P each), and what held-out pairs are
     * reported by: the share of pairs whose chosen reward is the higher (a tie counts half, so a
     * model that scores everything alike is at chance, 0.5) and the mean of r_chosen - r_rejected.
     */
    public record Result(double loss, double[] dChosen, double[] dRejected, double accuracy, double meanMargin) {
    }

    private BradleyTerry() {
    }

    /**
     * @param chosen    r_chosen (P)
     * @param rejected  r_rejected (P)
     * @param margins   each pair's margin (P), or null for none
     * @param centering c, 0 for no centring term
     */
    public static Result of(double[] chosen, double[] rejected, double[] margins, double centering) {
        int P = chosen.length;
        if (P == 0 || rejected.length != P || (margins != null && margins.length != P)) {
            throw new IllegalArgumentException("P chosen, P rejected rewards and P margins (or none), P >= 1; got "
                    + P + ", " + rejected.length + " and " + (margins == null ? "none" : margins.length));
        }
        double loss = 0;
        double wins = 0;
        double margin = 0;
        double[] dChosen = new double[P];
        double[] dRejected = new double[P];
        for (int i = 0; i < P; i++) {
            double difference = chosen[i] - rejected[i];
            double d = difference - (margins == null ? 0 : margins[i]);
            loss += softplus(-d);                               // -log sigmoid(d)
            double dd = -sigmoid(-d) / P;                       // d loss / d d = sigmoid(d) - 1, over P
            double sum = chosen[i] + rejected[i];
            loss += centering * sum * sum;
            double dCentring = 2 * centering * sum / P;
            dChosen[i] = dd + dCentring;
            dRejected[i] = -dd + dCentring;
            wins += difference > 0 ? 1 : difference == 0 ? 0.5 : 0;
            margin += difference;
        }
        return new Result(loss / P, dChosen, dRejected, wins / P, margin / P);
    }

    /** log(1 + e^x) without overflow for large x nor loss of digits for very negative x. */
    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
