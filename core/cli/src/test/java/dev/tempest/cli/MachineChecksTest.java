package dev.tempest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.SystemCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineChecksTest {

    private static final long GIB = 1L << 30;

    @Test
    void aJvmWithEnoughHeapAndTheVectorApiPasses() {
        assertEquals(List.of(SystemCheck.passed("jvm", "17.0.15 (Debian), Vector API present"),
                SystemCheck.passed("machine", "8 cores, 16.0 GiB memory, JVM heap up to 4.0 GiB")),
                MachineChecks.of("17.0.15 (Debian)", true, 8, 16 * GIB, 4 * GIB));
    }

    @Test
    void aSmallHeapFailsWithTheFlagThatRaisesIt() {
        SystemCheck machine = MachineChecks.of("17", true, 2, 4 * GIB, GIB / 2).get(1);

        assertEquals(SystemCheck.failed("machine", "2 cores, 4.0 GiB memory, JVM heap up to 0.5 GiB: less than 1.0 GiB of heap",
                "give the JVM more heap: TEMPEST_OPTS=-Xmx3g"), machine);
    }

    @Test
    void aHeapLargerThanTheMemoryFailsWithTheFlagThatLowersIt() {
        SystemCheck machine = MachineChecks.of("17", true, 2, 8 * GIB, 32 * GIB).get(1);

        assertEquals(SystemCheck.failed("machine", "2 cores, 8.0 GiB memory, JVM heap up to 32.0 GiB: the heap may outgrow"
                + " the memory", "lower the heap: TEMPEST_OPTS=-Xmx6g"), machine);
    }

    @Test
    void aJvmWithoutTheVectorApiFailsWithTheLauncherThatAddsIt() {
        SystemCheck jvm = MachineChecks.of("17.0.15 (Debian)", false, 2, 8 * GIB, 2 * GIB).get(0);

        assertEquals(SystemCheck.failed("jvm", "17.0.15 (Debian), without jdk.incubator.vector",
                "start Tempest with bin/tempest, which adds --add-modules jdk.incubator.vector"), jvm);
    }
}
