package dev.tempest.rl;

/**
 * What DPO needs of P preference pairs: each completion's log-prob summed over its tokens under
 * the policy being trained and under the frozen reference, and its number of tokens (for IPO's
 * per-token average and the likelihood anchor's per-token mean). All (P).
 */
public record PairLogProbs(double[] policyChosen, double[] policyRejected, double[] referenceChosen,
                           double[] referenceRejected, int[] chosenTokens, int[] rejectedTokens) {

    public PairLogProbs {
        int P = policyChosen.length;
        if (P == 0 || policyRejected.length != P || referenceChosen.length != P || referenceRejected.length != P
                || chosenTokens.length != P || rejectedTokens.length != P) {
            throw new IllegalArgumentException("DPO needs six values per pair, for at least one pair; got " + P + ", "
                    + policyRejected.length + ", " + referenceChosen.length + ", " + referenceRejected.length + ", "
                    + chosenTokens.length + ", " + rejectedTokens.length);
        }
        for (int p = 0; p < P; p++) {
            if (chosenTokens[p] < 1 || rejectedTokens[p] < 1) {
                throw new IllegalArgumentException("pair " + p + " has a completion of no tokens; every completion has at"
                        + " least its end");
            }
        }
    }

    public int pairs() {
        return policyChosen.length;
    }
}
