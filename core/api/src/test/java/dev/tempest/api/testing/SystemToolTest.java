package dev.tempest.api.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tempest.api.SystemCheck;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SystemToolTest {

    private static final SystemCheck MISSING =
            SystemCheck.failed("bubblewrap", "/usr/bin/bwrap not found", "apt-get install bubblewrap");

    @Test
    void aMissingToolSkipsTheTestWithItsDetailAndFix() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> SystemTool.require(MISSING, null));

        assertEquals("bubblewrap is not available: /usr/bin/bwrap not found; fix: apt-get install bubblewrap",
                skipped.getMessage());
    }

    @Test
    void aMissingToolFailsTheTestWhenToolsAreRequired() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> SystemTool.require(MISSING, "1"));

        assertEquals("TEMPEST_REQUIRE_TOOLS=1 and bubblewrap is not available: /usr/bin/bwrap not found; "
                + "fix: apt-get install bubblewrap", failed.getMessage());
    }

    @Test
    void anAvailableToolLetsTheTestRunEitherWay() {
        SystemCheck present = SystemCheck.passed("bubblewrap", "bubblewrap 0.8.0");

        assertDoesNotThrow(() -> SystemTool.require(present, null));
        assertDoesNotThrow(() -> SystemTool.require(present, "1"));
    }
}
