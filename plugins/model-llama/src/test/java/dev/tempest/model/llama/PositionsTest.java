package dev.tempest.model.llama;

import dev.tempest.model.PositionsCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tokens sit at positions within their own sequence: packed examples and left-padded prompts give their logits alone. */
class PositionsTest {

    @Test
    void packedExamplesAttendOnlyWithinThemselves() throws IOException {
        PositionsCheck.packedExamplesAttendOnlyWithinThemselves(new LlamaFamily(), "llama-tiny");
    }

    @Test
    void leftPaddedPromptsDecodeAsAlone() throws IOException {
        PositionsCheck.leftPaddedPromptsDecodeAsAlone(new LlamaFamily(), "llama-tiny");
    }
}
