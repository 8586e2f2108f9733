package dev.tempest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A baseline script run as a child process in the same benchmark run, its BLAS set up to run its best kernel. */
final class PythonBaseline {

    /**
     * What the script printed: each {@code RESULT} line's fields after that word, and every other line.
     *
     * @param exit the script's exit status
     */
    record Output(List<String[]> results, List<String> said, int exit) {
    }

    private PythonBaseline() {
    }

    /**
     * Runs {@code python script args...} with OpenBLAS on {@code blasThreads} threads. The
     * environment's {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} are removed, since some
     * machines (this one) pin OpenBLAS to its Haswell kernel there, ~1.7x slower than its own
     * choice; {@code coreType}, when not null, names the kernel instead, for an OpenBLAS too old to
     * recognise the processor.
     */
    static Output run(String python, Path script, List<String> args, int blasThreads, String coreType)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        if (coreType != null) {
            pb.environment().put("OPENBLAS_CORETYPE", coreType);
        }
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(blasThreads));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        List<String[]> results = new ArrayList<>();
        List<String> said = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("RESULT")) {
                    results.add(Arrays.copyOfRange(f, 1, f.length));
                } else {
                    said.add(line);
                }
            }
        }
        return new Output(results, said, process.waitFor());
    }
}
