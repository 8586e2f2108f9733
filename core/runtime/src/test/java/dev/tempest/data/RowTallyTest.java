package dev.tempest.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.api.DataRecord;
import dev.tempest.api.SourceLocation;
import dev.tempest.api.TextRecord;
import dev.tempest.config.BadRowPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTallyTest {

    private final Path file = Path.of("data.jsonl");

    @Test
    void skipCountsEveryBadRowAndKeepsTheFirstFew() {
        List<DataRecord> passed = new ArrayList<>();
        RowTally tally = new RowTally(BadRowPolicy.SKIP, passed::add);

        tally.accept(new SourceLocation(file, 1), new TextRecord("a"));
        for (int line = 2; line <= 9; line++) {
            tally.reject(new SourceLocation(file, line), "broken");
        }
        tally.accept(new SourceLocation(file, 10), new TextRecord("b"));

        assertEquals(List.of(new TextRecord("a"), new TextRecord("b")), passed);
        assertEquals(2, tally.rows());
        assertEquals(8, tally.badRows());
        assertEquals(List.of("data.jsonl:2: broken", "data.jsonl:3: broken", "data.jsonl:4: broken",
                "data.jsonl:5: broken", "data.jsonl:6: broken"), tally.firstBadRows());
    }

    @Test
    void stopEndsTheReadAtTheFirstBadRowNamingIt() {
        RowTally tally = new RowTally(BadRowPolicy.STOP, record -> { });

        BadRowException stop = assertThrows(BadRowException.class,
                () -> tally.reject(new SourceLocation(file, 17), "missing field \"text\""));

        assertEquals("data.jsonl:17: missing field \"text\"", stop.getMessage());
    }
}
