package dev.tempest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * GenerateBench's PyTorch column: {@code torch_generate.py} on one batch size at a time. The
 * first run prints the torch build and the OpenBLAS kernel it ran. With the core type "auto", the
 * kernel is OpenBLAS's own choice, unless that is one without AVX-512 on a processor that has it
 * (Debian's 0.3.21 does not know some recent ones and falls back to a generic kernel): then that
 * run is repeated, and every later one made, with {@code OPENBLAS_CORETYPE=SkylakeX}.
 */
final class TorchGenerate {

    private static final String FALLBACK_CORE = "SkylakeX";
    /** OpenBLAS's kernels that use AVX-512. */
    private static final List<String> AVX512_KERNELS = List.of("SkylakeX", "Cooperlake", "SapphireRapids");

    private final String python;
    private final Path script;
    private final int threads;
    private final int blasThreads;
    private final int newTokens;
    private final double seconds;
    private final boolean auto;
    private String coreType;   // null: OpenBLAS's own choice
    private boolean shown;

    TorchGenerate(String python, Path script, int threads, int blasThreads, int newTokens, double seconds,
                  String coreType) {
        this.python = python;
        this.script = script;
        this.threads = threads;
        this.blasThreads = blasThreads;
        this.newTokens = newTokens;
        this.seconds = seconds;
        this.auto = coreType.equals("auto");
        this.coreType = auto ? null : coreType;
    }

    /** PyTorch's timing at batch B, or null (having said why) when the script failed. */
    Timing measure(int B) throws IOException, InterruptedException {
        PythonBaseline.Output out = PythonBaseline.run(python, script, List.of("--threads", String.valueOf(threads),
                "--batches", String.valueOf(B), "--new-tokens", String.valueOf(newTokens),
                "--seconds", String.valueOf(seconds)), blasThreads, coreType);
        String kernel = out.said().stream().filter(l -> l.contains("internal_api=openblas")).findFirst().orElse("");
        if (auto && coreType == null && !kernel.isEmpty() && hasAvx512()
                && AVX512_KERNELS.stream().noneMatch(k -> kernel.contains("architecture=" + k + ","))) {
            System.out.println("pytorch: OpenBLAS chose a kernel without AVX-512 on an AVX-512 processor; running"
                    + " again with OPENBLAS_CORETYPE=" + FALLBACK_CORE + ". It said: " + kernel.trim());
            coreType = FALLBACK_CORE;
            return measure(B);
        }
        if (!shown || out.exit() != 0) {
            System.out.println("pytorch: OPENBLAS_NUM_THREADS=" + blasThreads
                    + (coreType == null ? ", OPENBLAS_CORETYPE unset" : ", OPENBLAS_CORETYPE=" + coreType));
            out.said().forEach(line -> System.out.println("pytorch: " + line));
            shown = true;
        }
        if (out.exit() != 0 || out.results().isEmpty()) {
            System.out.println("pytorch: " + script + " exited with " + out.exit() + "; no figure for batch " + B);
            return null;
        }
        String[] f = out.results().get(0); // B, tokens/s, best s, median s, runs
        return new Timing(Double.parseDouble(f[2]), Double.parseDouble(f[3]), Integer.parseInt(f[4]),
                (long) B * newTokens);
    }

    /** Whether the processor has AVX-512, as /proc/cpuinfo says; false where that cannot be read. */
    private static boolean hasAvx512() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        return Files.isReadable(cpuinfo) && Files.readString(cpuinfo).contains(" avx512f");
    }
}
