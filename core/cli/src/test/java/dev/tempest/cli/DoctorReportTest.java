package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.SystemCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {

    private final StringWriter out = new StringWriter();

    @Test
    void everyCheckPassingPrintsThemAlignedAndExitsZero() {
        int exitCode = DoctorReport.print(List.of(SystemCheck.passed("jvm", "17.0.15"),
                SystemCheck.passed("bubblewrap", "0.8.0")), new PrintWriter(out));

        assertEquals(ExitCodes.OK, exitCode);
        assertEquals("""
                ok    jvm         17.0.15
                ok    bubblewrap  0.8.0
                all 2 checks passed
                """, out.toString());
    }

    @Test
    void aFailedCheckIsFollowedByItsFixAndExitsWithCheckFailed() {
        int exitCode = DoctorReport.print(List.of(SystemCheck.passed("jvm", "17.0.15"),
                SystemCheck.failed("node", "/usr/bin/node not found", "apt-get install nodejs")), new PrintWriter(out));

        assertEquals(ExitCodes.CHECK_FAILED, exitCode);
        assertEquals("""
                ok    jvm   17.0.15
                FAIL  node  /usr/bin/node not found
                            fix: apt-get install nodejs
                1 of 2 checks failed
                """, out.toString());
    }
}
