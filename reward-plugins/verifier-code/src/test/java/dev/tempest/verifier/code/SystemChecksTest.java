package dev.tempest.verifier.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.SystemCheck;
import dev.tempest.api.testing.SystemTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the code verifier tells tempest doctor: bubblewrap and each interpreter, found or not. */
class SystemChecksTest {

    @TempDir Path dir;

    @Test
    void checksBubblewrapAndEveryInterpreterWithItsVersion() {
        List<SystemCheck> checks = new CodeVerifier().systemChecks();
        checks.forEach(SystemTool::require);

        assertEquals(List.of("bubblewrap", "python3", "node", "java"), checks.stream().map(SystemCheck::name).toList());
        assertTrue(checks.get(0).detail().matches("/usr/bin/bwrap bubblewrap [0-9.]+, runs programs in its sandbox here"),
                checks.get(0).detail());
        assertTrue(checks.get(1).detail().matches("/usr/bin/python3 Python 3\\.[0-9.]+"), checks.get(1).detail());
        assertTrue(checks.get(2).detail().matches("/usr/bin/node v[0-9.]+"), checks.get(2).detail());
        assertTrue(checks.get(3).detail().matches(".*/bin/java openjdk 17\\..*"), checks.get(3).detail());
    }

    @Test
    void missingBubblewrapFailsWithThePackageToInstall() {
        SystemCheck check = new Sandbox(Path.of("/nonexistent/bwrap"), Limits.DEFAULT).check();

        assertEquals(SystemCheck.failed("bubblewrap", "/nonexistent/bwrap not found", "apt-get install bubblewrap"), check);
    }

    @Test
    void bubblewrapThatCannotCreateItsSandboxFailsWithWhyAndTheNamespacesFix() throws IOException {
        Path bwrap = dir.resolve("bwrap");
        Files.writeString(bwrap, """
                #!/bin/sh
                if [ "$1" = --version ]; then echo "bubblewrap 0.8.0"; exit 0; fi
                echo "bwrap: No permissions to create new namespace" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));  // the probe runs as nobody under root

        SystemCheck check = new Sandbox(bwrap, Limits.DEFAULT).check();

        assertFalse(check.ok());
        assertTrue(check.detail().contains("No permissions to create new namespace"), check.detail());
        assertTrue(check.fix().contains("user namespaces"), check.fix());
    }

    @Test
    void missingInterpreterFailsWithThePackageToInstall() {
        SystemCheck check = SystemProgram.check("node", Path.of("/nonexistent/node"), "apt-get install nodejs");

        assertEquals(SystemCheck.failed("node", "/nonexistent/node not found", "apt-get install nodejs"), check);
    }

    @Test
    void interpreterWhoseVersionFailsIsReportedWithItsOutput() throws IOException {
        Path broken = dir.resolve("python3");
        Files.writeString(broken, "#!/bin/sh\necho 'error while loading shared libraries' >&2\nexit 127\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));

        SystemCheck check = SystemProgram.check("python3", broken, "apt-get install python3");

        assertEquals(SystemCheck.failed("python3",
                broken + " --version failed (exit 127): error while loading shared libraries", "apt-get install python3"), check);
    }
}
