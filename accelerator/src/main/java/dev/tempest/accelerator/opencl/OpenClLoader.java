package dev.tempest.accelerator.opencl;

import dev.tempest.api.SystemCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jocl.CL;

/**
 * The system's OpenCL ICD loader as JOCL opens it: by the unversioned name {@code libOpenCL.so},
 * which Debian ships only in ocl-icd-opencl-dev (ocl-icd-libopencl1 has {@code libOpenCL.so.1}).
 */
final class OpenClLoader {

    private static final String FIX = "apt-get install ocl-icd-libopencl1 ocl-icd-opencl-dev"
            + " (JOCL opens libOpenCL.so, which only the -dev package provides)";
    private static final String CHECK_NAME = "opencl loader";

    // Loaded once per JVM: after a failure, JOCL's class reports only that it could not be initialised.
    private static final Optional<String> PROBLEM = load();

    private OpenClLoader() {
    }

    /** Why the loader cannot be used, or empty when it is loaded. */
    static Optional<String> problem() {
        return PROBLEM;
    }

    static SystemCheck check() {
        return PROBLEM.map(problem -> SystemCheck.failed(CHECK_NAME, "libOpenCL.so cannot be loaded: " + problem, FIX))
                .orElseGet(() -> SystemCheck.passed(CHECK_NAME, loadedFile().orElse("libOpenCL.so loaded")));
    }

    private static Optional<String> load() {
        try {
            CL.setExceptionsEnabled(true);  // initialises JOCL, which opens the loader
            return Optional.empty();
        } catch (LinkageError e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The file the dynamic linker mapped, from this process's memory map (Linux). */
    private static Optional<String> loadedFile() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.contains("/libOpenCL.so"))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
