package dev.tempest.cli;

import dev.tempest.api.SystemCheck;
import java.io.PrintWriter;
import java.util.List;

/** How {@code tempest doctor} prints checks: one aligned line each (status, name, detail), each failure's fix under it. */
final class DoctorReport {

    private DoctorReport() {
    }

    /** Prints {@code checks} and a summary line; returns the exit code, {@link ExitCodes#CHECK_FAILED} if any failed. */
    static int print(List<SystemCheck> checks, PrintWriter out) {
        int nameWidth = checks.stream().mapToInt(check -> check.name().length()).max().orElse(0);
        String row = "%-4s  %-" + nameWidth + "s  %s%n";
        String fixRow = "%-4s  %-" + nameWidth + "s  fix: %s%n";
        long failed = 0;
        for (SystemCheck check : checks) {
            out.printf(row, check.ok() ? "ok" : "FAIL", check.name(), check.detail());
            if (!check.ok()) {
                out.printf(fixRow, "", "", check.fix());
                failed++;
            }
        }
        out.println(failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
