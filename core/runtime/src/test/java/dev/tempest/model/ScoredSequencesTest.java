package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScoredSequencesTest {

    private static final OptionalInt PAD = OptionalInt.of(0);

    @Test
    void aSequenceIsReadAtItsLastTokenThatIsNotThePadToken() {
        assertEquals(2, SequenceClassification.readIndex(new int[] {5, 6, 7}, PAD));
        assertEquals(1, SequenceClassification.readIndex(new int[] {5, 6, 0}, PAD), "before a closing end-of-text");
        assertEquals(1, SequenceClassification.readIndex(new int[] {5, 6, 0, 0}, PAD));
        assertEquals(3, SequenceClassification.readIndex(new int[] {5, 0, 6, 7}, PAD), "a pad token inside counts for nothing");
        assertEquals(0, SequenceClassification.readIndex(new int[] {0, 0}, PAD), "all padding: 0, as Hugging Face's argmax");
        assertEquals(2, SequenceClassification.readIndex(new int[] {5, 6, 0}, OptionalInt.empty()), "no pad token: the last");
    }

    @Test
    void sequencesAreRightPaddedToTheLongestAndReadInTheirOwnRows() {
        ScoredSequences batch = ScoredSequences.of(List.of(new int[] {5, 6, 0}, new int[] {7}, new int[] {8, 9, 4, 2}), PAD);

        assertEquals(3, batch.at().B());
        assertEquals(4, batch.at().T());
        assertArrayEquals(new int[] {5, 6, 0, 0, 7, 0, 0, 0, 8, 9, 4, 2}, batch.inputs());
        assertArrayEquals(new int[] {1, 4, 11}, batch.rows());
        assertEquals(8, batch.tokens());
    }

    @Test
    void anEmptySequenceHasNothingToReadAt() {
        assertThrows(IllegalArgumentException.class, () -> ScoredSequences.of(List.of(new int[0]), PAD));
    }
}
