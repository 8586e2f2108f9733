package dev.tempest.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleBatchesTest {

    // Token values say which example and which token they are: 10s for example 1, 20s for 2, ...
    private static final Example ONE = new Example(new int[] {11, 12, 13}, new boolean[] {false, false, true});
    private static final Example TWO = new Example(new int[] {21, 22, 23, 24, 25}, new boolean[] {false, true, true, true, true});
    private static final Example THREE = new Example(new int[] {31, 32}, new boolean[] {false, true});

    @Test
    void aPaddedBatchHoldsAnExampleARowPaddedToTheLongestWithTargetsOnlyWhereTrained() {
        Batch batch = new ExampleBatches(List.of(ONE), 1, 8, ExampleBatches.Layout.PADDED, 0).next();

        assertArrayEquals(new int[] {11, 12}, batch.inputs());
        assertArrayEquals(new int[] {-1, 13}, batch.targets(), "12 is prompt: nothing predicts it");
        assertEquals(2, batch.tokens());

        Batch three = new ExampleBatches(List.of(ONE, TWO, THREE), 3, 8, ExampleBatches.Layout.PADDED, 0).next();
        assertEquals(4, three.T(), "the longest example's inputs");
        assertEquals(2 + 4 + 1, three.tokens());
        assertEquals(Set.of(11, 21, 31), firsts(three), "each example once");
    }

    @Test
    void aPackedRowHoldsWholeExamplesEachCountingFromZeroThenPadding() {
        Batch padded = new ExampleBatches(List.of(ONE), 1, 3, ExampleBatches.Layout.PACKED, 0).next();
        Batch full = new ExampleBatches(List.of(ONE, THREE), 1, 3, ExampleBatches.Layout.PACKED, 0).next();

        assertArrayEquals(new int[] {11, 12, 0}, padded.inputs(), "the example again does not fit: padding");
        assertArrayEquals(new int[] {-1, 13, -1}, padded.targets());
        assertArrayEquals(new int[] {0, 1, 0}, padded.at().positions());
        assertEquals(2, padded.tokens());
        boolean oneFirst = full.inputs()[0] == 11;  // the shuffle decides which comes first
        assertArrayEquals(oneFirst ? new int[] {11, 12, 31} : new int[] {31, 11, 12}, full.inputs());
        assertArrayEquals(oneFirst ? new int[] {-1, 13, 32} : new int[] {32, -1, 13}, full.targets(),
                "no example predicts the next one's first token");
        assertArrayEquals(oneFirst ? new int[] {0, 1, 0} : new int[] {0, 0, 1}, full.at().positions());
        assertArrayEquals(oneFirst ? new int[] {0, 0, 2} : new int[] {0, 1, 1}, full.at().firstKeys());
    }

    @Test
    void everyEpochTakesEachExampleOnceInItsOwnOrderAndSeekingRepeatsTheBatches() {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            examples.add(new Example(new int[] {i, 100 + i}, new boolean[] {false, true}));
        }
        ExampleBatches batches = new ExampleBatches(examples, 4, 4, ExampleBatches.Layout.PADDED, 7);
        List<Integer> epoch1 = new ArrayList<>();
        List<Integer> epoch2 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            epoch1.addAll(firstsInOrder(batches.next()));
        }
        long position = batches.position();
        Batch afterEpoch1 = batches.next();
        for (int i = 1; i < 5; i++) {
            epoch2.addAll(firstsInOrder(batches.next()));
        }

        assertEquals(20, new HashSet<>(epoch1).size());
        assertNotEquals(epoch1.subList(4, 20), epoch2, "a new order each epoch");
        batches.seek(position);
        assertArrayEquals(afterEpoch1.inputs(), batches.next().inputs(), "a resumed run sees the same batches");
    }

    @Test
    void aGroupStaysTogetherInItsOrderAndEveryTokenKnowsItsExample() {
        List<Example> pairs = List.of(ONE, TWO, THREE, ONE);  // two groups of two: (ONE, TWO) and (THREE, ONE)
        ExampleBatches batches = new ExampleBatches(pairs, 2, 1, 8, ExampleBatches.Layout.PADDED, 3);

        Batch first = batches.next();
        Batch second = batches.next();

        for (Batch batch : List.of(first, second)) {
            assertEquals(2, batch.B(), "one group of two a batch");
            int a = batch.sources()[0];
            int b = batch.sources()[batch.T()];
            assertEquals(0, a % 2, "a group's first example comes first");
            assertEquals(a + 1, b, "and its second right after");
            int inputs = pairs.get(a).tokens().length - 1;
            for (int t = 0; t < batch.T(); t++) {
                assertEquals(t < inputs ? a : -1, batch.sources()[t], "row 0 holds its example's inputs, then padding");
            }
        }
        assertEquals(Set.of(0, 2), Set.of(first.sources()[0], second.sources()[0]), "each group once an epoch");
    }

    @Test
    void anExampleLongerThanARowOrTrainingNothingIsRefused() {
        Example untrained = new Example(new int[] {1, 2}, new boolean[] {true, false});

        assertThrows(IllegalArgumentException.class,
                () -> new ExampleBatches(List.of(TWO), 1, 3, ExampleBatches.Layout.PACKED, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleBatches(List.of(untrained), 1, 3, ExampleBatches.Layout.PADDED, 0));
    }

    private static Set<Integer> firsts(Batch batch) {
        return new HashSet<>(firstsInOrder(batch));
    }

    private static List<Integer> firstsInOrder(Batch batch) {
        List<Integer> firsts = new ArrayList<>();
        for (int b = 0; b < batch.B(); b++) {
            firsts.add(batch.inputs()[b * batch.T()]);
        }
        return firsts;
    }
}
