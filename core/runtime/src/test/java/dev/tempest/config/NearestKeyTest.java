package dev.tempest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestKeyTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, NearestKey.editDistance("seed", "seed"));
        assertEquals(1, NearestKey.editDistance("loder", "loader"));
        assertEquals(2, NearestKey.editDistance("ouptut", "output"));
        assertEquals(6, NearestKey.editDistance("", "stages"));
    }

    @Test
    void suggestsOnlyKeysCloseEnoughToBeATypo() {
        List<String> keys = List.of("name", "output", "stages", "on_bad_row");
        assertEquals(Optional.of("output"), NearestKey.of("ouptut", keys));
        assertEquals(Optional.of("stages"), NearestKey.of("Stage", keys));
        assertEquals(Optional.of("on_bad_row"), NearestKey.of("on-bad-row", keys));
        assertEquals(Optional.empty(), NearestKey.of("colour", keys));
    }
}
