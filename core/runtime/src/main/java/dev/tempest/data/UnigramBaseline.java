package dev.tempest.data;

/**
 * The loss of the simplest model: each token drawn from the training set's token frequencies
 * (add-one smoothed), ignoring context. A trained model's held-out loss below this is what it
 * learned from context.
 */
public final class UnigramBaseline {

    private UnigramBaseline() {
    }

    /** The mean cross-entropy, in nats, of {@code heldOut} under the unigram model of {@code train}. */
    public static double crossEntropy(int[] train, int trainEnd, int[] heldOut, int heldOutStart, int vocabSize) {
        long[] counts = new long[vocabSize];
        for (int i = 0; i < trainEnd; i++) {
            counts[train[i]]++;
        }
        double total = trainEnd + (double) vocabSize;
        double loss = 0;
        for (int i = heldOutStart; i < heldOut.length; i++) {
            loss -= Math.log((counts[heldOut[i]] + 1) / total);
        }
        return loss / (heldOut.length - heldOutStart);
    }
}
