package dev.tempest.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairBatchesTest {

    private static final OptionalInt PAD = OptionalInt.of(0);

    @Test
    void aBatchHoldsTheChosenSequencesThenTheRejectedOnesAndNamesWhereEachPairIsRead() {
        Batch batch = PairBatches.batch(List.of(
                new PreferenceExample(new int[] {1, 2, 3}, new int[] {1, 4}, 0.5f),
                new PreferenceExample(new int[] {5, 0}, new int[] {5, 6, 7, 0}, 0)), PAD);

        assertEquals(4, batch.B());
        assertEquals(4, batch.T());
        assertArrayEquals(new int[] {1, 2, 3, 0, 5, 0, 0, 0, 1, 4, 0, 0, 5, 6, 7, 0}, batch.inputs());
        assertArrayEquals(new int[] {2, 4}, batch.pairs().chosenRows());
        assertArrayEquals(new int[] {9, 14}, batch.pairs().rejectedRows(), "each read before its end-of-text");
        assertArrayEquals(new float[] {0.5f, 0}, batch.pairs().margins());
        assertEquals(11, batch.tokens());
        assertEquals(-1, Arrays.stream(batch.targets()).max().getAsInt(), "nothing is predicted");
    }

    @Test
    void everyPairComesOncePerEpochAndASeekRepeatsTheBatches() {
        List<PreferenceExample> pairs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            pairs.add(new PreferenceExample(new int[] {i, i}, new int[] {i}, 0));
        }
        PairBatches batches = new PairBatches(pairs, 2, PAD, 7);

        List<Batch> firstEpoch = List.of(batches.next(), batches.next(), batches.next());
        long afterOneEpoch = batches.position();
        List<Batch> secondEpoch = List.of(batches.next(), batches.next(), batches.next());
        batches.seek(2);

        assertEquals(6, afterOneEpoch);
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), firstOfEachPair(firstEpoch));
        assertEquals(Set.of(1, 2, 3, 4, 5, 6), firstOfEachPair(secondEpoch));
        assertArrayEquals(firstEpoch.get(1).inputs(), batches.next().inputs(), "the batch after two pairs, again");
    }

    /** The first token of each chosen sequence: which pairs the batches hold. */
    private static Set<Integer> firstOfEachPair(List<Batch> batches) {
        Set<Integer> pairs = new HashSet<>();
        for (Batch batch : batches) {
            for (int row : batch.pairs().chosenRows()) {
                pairs.add(batch.inputs()[row - row % batch.T()]);
            }
        }
        return pairs;
    }
}
