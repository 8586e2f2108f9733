package dev.tempest.train;

import dev.tempest.model.ScoredSequences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Batches of P preference pairs for a reward model, in an order shuffled anew each epoch from a
 * seed: 2P rows, the P chosen sequences then their P rejected ones, each a row right-padded to the
 * longest of the batch (causal attention never sees the padding), so both answers of a pair are
 * scored in the same pass. The whole state is how many pairs were taken, which a checkpoint saves.
 */
public final class PairBatches implements Batches {

    private final EpochOrder<PreferenceExample> pairs;
    private final int P;
    private final OptionalInt padTokenId;

    /** @param padTokenId the token that pads rows and that a sequence is read before ({@link ScoredSequences}) */
    public PairBatches(List<PreferenceExample> pairs, int P, OptionalInt padTokenId, long seed) {
        this.pairs = new EpochOrder<>(pairs, seed);
        this.P = P;
        this.padTokenId = padTokenId;
    }

    @Override
    public Batch next() {
        List<PreferenceExample> taken = new ArrayList<>(P);
        for (int i = 0; i < P; i++) {
            taken.add(pairs.take());
        }
        return batch(taken, padTokenId);
    }

    /** The batch of {@code pairs}, in their order. */
    public static Batch batch(List<PreferenceExample> pairs, OptionalInt padTokenId) {
        int P = pairs.size();
        List<int[]> sequences = new ArrayList<>(2 * P);
        pairs.forEach(pair -> sequences.add(pair.chosen()));
        pairs.forEach(pair -> sequences.add(pair.rejected()));
        float[] margins = new float[P];
        for (int i = 0; i < P; i++) {
            margins[i] = pairs.get(i).margin();
        }
        ScoredSequences scored = ScoredSequences.of(sequences, padTokenId);
        int[] targets = new int[scored.inputs().length];
        Arrays.fill(targets, -1);
        return new Batch(scored.inputs(), targets, scored.at(), scored.tokens(), new Pairs(
                Arrays.copyOfRange(scored.rows(), 0, P), Arrays.copyOfRange(scored.rows(), P, 2 * P), margins));
    }

    @Override
    public long position() {
        return pairs.taken();
    }

    @Override
    public void seek(long position) {
        pairs.seek(position);
    }
}
