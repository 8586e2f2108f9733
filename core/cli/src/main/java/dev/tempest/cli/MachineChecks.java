package dev.tempest.cli;

import dev.tempest.api.SystemCheck;
import java.lang.management.ManagementFactory;
import java.util.List;

/** What {@code tempest doctor} checks of the JVM and the machine itself, before any extension's checks. */
final class MachineChecks {

    static final long MIN_HEAP_BYTES = 1L << 30;  // below this, the example pipeline's data and model do not fit
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private MachineChecks() {
    }

    /** The checks of the JVM this runs in, on this machine. */
    static List<SystemCheck> here() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return of(System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + ")",
                ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), Runtime.getRuntime().maxMemory());
    }

    /**
     * @param java the JVM's version and vendor
     * @param vectorApi whether {@value #VECTOR_MODULE} is in the boot layer, as the cpu backend needs
     * @param memoryBytes the machine's memory (the container's, if it has a limit)
     * @param maxHeapBytes the most heap this JVM may use
     */
    static List<SystemCheck> of(String java, boolean vectorApi, int cores, long memoryBytes, long maxHeapBytes) {
        SystemCheck jvm = vectorApi
                ? SystemCheck.passed("jvm", java + ", Vector API present")
                : SystemCheck.failed("jvm", java + ", without " + VECTOR_MODULE,
                        "start Tempest with bin/tempest, which adds --add-modules " + VECTOR_MODULE);
        String facts = cores + " cores, " + gibibytes(memoryBytes) + " memory, JVM heap up to " + gibibytes(maxHeapBytes);
        long suggestedGib = Math.max(1, memoryBytes * 3 / 4 >> 30);  // leave the system a quarter
        SystemCheck machine;
        if (maxHeapBytes < MIN_HEAP_BYTES) {
            machine = SystemCheck.failed("machine", facts + ": less than " + gibibytes(MIN_HEAP_BYTES) + " of heap",
                    "give the JVM more heap: TEMPEST_OPTS=-Xmx" + suggestedGib + "g");
        } else if (maxHeapBytes > memoryBytes) {
            machine = SystemCheck.failed("machine", facts + ": the heap may outgrow the memory",
                    "lower the heap: TEMPEST_OPTS=-Xmx" + suggestedGib + "g");
        } else {
            machine = SystemCheck.passed("machine", facts);
        }
        return List.of(jvm, machine);
    }

    private static String gibibytes(long bytes) {
        return String.format("%.1f GiB", bytes / (double) (1L << 30));
    }
}
