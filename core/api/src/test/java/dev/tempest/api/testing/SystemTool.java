package dev.tempest.api.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.tempest.api.SystemCheck;

/**
 * The one rule for tests that need something of the machine (an OpenCL device, bubblewrap, an
 * interpreter): where it is missing, the test is skipped with the check's detail and fix, so a
 * machine without it still builds and says what it did not test; with
 * {@value #REQUIRE_VARIABLE}=1, which CI sets after installing every tool, the test fails
 * instead, so nothing CI is meant to exercise can skip there.
 */
public final class SystemTool {

    public static final String REQUIRE_VARIABLE = "TEMPEST_REQUIRE_TOOLS";

    private SystemTool() {
    }

    /** Returns if {@code check} passed; otherwise skips the calling test, or fails it when tools are required. */
    public static void require(SystemCheck check) {
        require(check, System.getenv(REQUIRE_VARIABLE));
    }

    /** As {@link #require(SystemCheck)}, with the value of {@value #REQUIRE_VARIABLE} given. */
    static void require(SystemCheck check, String requireSetting) {
        if (check.ok()) {
            return;
        }
        String missing = check.name() + " is not available: " + check.detail() + "; fix: " + check.fix();
        if ("1".equals(requireSetting)) {
            fail(REQUIRE_VARIABLE + "=1 and " + missing);
        }
        abort(missing);
    }
}
