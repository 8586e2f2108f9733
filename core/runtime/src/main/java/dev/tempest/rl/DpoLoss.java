package dev.tempest.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Direct preference optimisation's loss on P pairs, as TRL's DPOTrainer up to 0.28 (from 0.29
 * its sigmoid loss has no label smoothing, and the anchor is the {@code sft} loss added by
 * {@code loss_weights}, the same token mean). With
 * pi and ref the completions' summed log-probs under the policy and the reference,
 * h = (pi_c - ref_c) - (pi_r - ref_r) and per pair:
 * <ul>
 *   <li>sigmoid: -(1 - eps) log sigmoid(beta h) - eps log sigmoid(-beta h), eps the label
 *       smoothing (the chance a pair's labels are swapped; cDPO), 0 for plain DPO; the other
 *       losses refuse a label smoothing, which TRL ignores with a warning;</li>
 *   <li>ipo: (h - 1/(2 beta))^2, where h is made of per-token averages, each sum divided by its
 *       completion's tokens, as TRL does (the IPO authors' normalisation, which keeps beta's
 *       meaning across lengths);</li>
 *   <li>hinge: relu(1 - beta h).</li>
 * </ul>
 * The loss is the mean over pairs, plus {@code rpoAlpha} times the chosen completions' NLL
 * (RPO, Pang et al. 2024; TRL's {@code rpo_alpha}, 0 for none), a per-token mean over every
 * chosen token of the batch as TRL's cross-entropy takes it: -sum_p pi_c / sum_p n_c.
 * Its derivative with respect to pi_c is therefore the same for every pair, -rpoAlpha / sum n_c.
 *
 * <p>Metrics, TRL's names: {@code rewards/chosen} mean beta (pi_c - ref_c), {@code
 * rewards/rejected} likewise, {@code rewards/margins} their mean difference, {@code
 * rewards/accuracies} the share of pairs where the chosen reward is the larger; {@code
 * logps/chosen} and {@code logps/rejected} the mean summed log-probs; {@code nll_loss} with the
 * anchor. The rewards are of the summed log-probs for every variant, as TRL reports them since
 * 0.29 (before, IPO's were of the averages).
 */
public record DpoLoss(DpoVariant variant, double beta, double labelSmoothing, double rpoAlpha) {

    public DpoLoss {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("DPO's beta must be finite and > 0; got " + beta);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label smoothing is the chance a pair's labels are swapped, in [0, 0.5);"
                    + " got " + labelSmoothing);
        }
        if (labelSmoothing != 0 && variant != DpoVariant.SIGMOID) {
            throw new IllegalArgumentException("label smoothing applies to the sigmoid loss only, not " + variant);
        }
        if (!(rpoAlpha >= 0) || Double.isInfinite(rpoAlpha)) {
            throw new IllegalArgumentException("rpo_alpha must be finite and >= 0; got " + rpoAlpha);
        }
    }

    public PairLoss compute(PairLogProbs pairs) {
        int P = pairs.pairs();
        double[] dChosen = new double[P];
        double[] dRejected = new double[P];
        double loss = 0;
        double rewardChosen = 0;
        double rewardRejected = 0;
        int correct = 0;
        double logpChosen = 0;
        double logpRejected = 0;
        int chosenTokens = 0;
        for (int p = 0; p < P; p++) {
            double chosenRatio = pairs.policyChosen()[p] - pairs.referenceChosen()[p];
            double rejectedRatio = pairs.policyRejected()[p] - pairs.referenceRejected()[p];
            // d h / d pi_c and d h / d pi_r: 1 and -1, or over the token counts for IPO's averages.
            double dhChosen = variant == DpoVariant.IPO ? 1.0 / pairs.chosenTokens()[p] : 1;
            double dhRejected = variant == DpoVariant.IPO ? -1.0 / pairs.rejectedTokens()[p] : -1;
            double h = chosenRatio * dhChosen + rejectedRatio * dhRejected;
            loss += pairLoss(h);
            double dh = pairLossDerivative(h) / P;
            dChosen[p] = dh * dhChosen;
            dRejected[p] = dh * dhRejected;
            rewardChosen += beta * chosenRatio;
            rewardRejected += beta * rejectedRatio;
            correct += beta * chosenRatio > beta * rejectedRatio ? 1 : 0;
            logpChosen += pairs.policyChosen()[p];
            logpRejected += pairs.policyRejected()[p];
            chosenTokens += pairs.chosenTokens()[p];
        }
        loss /= P;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rewards/chosen", rewardChosen / P);
        metrics.put("rewards/rejected", rewardRejected / P);
        metrics.put("rewards/margins", (rewardChosen - rewardRejected) / P);
        metrics.put("rewards/accuracies", (double) correct / P);
        metrics.put("logps/chosen", logpChosen / P);
        metrics.put("logps/rejected", logpRejected / P);
        if (rpoAlpha > 0) {
            double nll = -logpChosen / chosenTokens;
            loss += rpoAlpha * nll;
            for (int p = 0; p < P; p++) {
                dChosen[p] -= rpoAlpha / chosenTokens;
            }
            metrics.put("nll_loss", nll);
        }
        return new PairLoss(loss, dChosen, dRejected, metrics);
    }

    private double pairLoss(double h) {
        return switch (variant) {
            case SIGMOID -> -(1 - labelSmoothing) * Logistic.logSigmoid(beta * h)
                    - labelSmoothing * Logistic.logSigmoid(-beta * h);
            case IPO -> (h - 1 / (2 * beta)) * (h - 1 / (2 * beta));
            case HINGE -> Math.max(0, 1 - beta * h);
        };
    }

    /** d pairLoss / d h; the hinge's at its kink is 0, as torch's relu takes it. */
    private double pairLossDerivative(double h) {
        return switch (variant) {
            // d/dx -log sigmoid(x) = -sigmoid(-x), and d/dx -log sigmoid(-x) = sigmoid(x).
            case SIGMOID -> beta * (-(1 - labelSmoothing) * Logistic.sigmoid(-beta * h)
                    + labelSmoothing * Logistic.sigmoid(beta * h));
            case IPO -> 2 * (h - 1 / (2 * beta));
            case HINGE -> 1 - beta * h > 0 ? -beta : 0;
        };
    }
}
