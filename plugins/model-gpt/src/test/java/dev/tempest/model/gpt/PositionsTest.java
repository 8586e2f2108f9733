package dev.tempest.model.gpt;

import dev.tempest.model.PositionsCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tokens sit at positions within their own sequence: packed examples and left-padded prompts give their logits alone. */
class PositionsTest {

    @Test
    void packedExamplesAttendOnlyWithinThemselves() throws IOException {
        PositionsCheck.packedExamplesAttendOnlyWithinThemselves(new Gpt2Family(), "gpt2-tiny");
    }

    @Test
    void leftPaddedPromptsDecodeAsAlone() throws IOException {
        PositionsCheck.leftPaddedPromptsDecodeAsAlone(new Gpt2Family(), "gpt2-tiny");
    }
}
