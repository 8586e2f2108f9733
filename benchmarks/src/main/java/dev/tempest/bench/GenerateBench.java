package dev.tempest.bench;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.CpuBackendProvider;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.gpt.Gpt2Family;
import dev.tempest.nn.ActivationArena;
import dev.tempest.nn.Ops;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import dev.tempest.tokenizer.BpeTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * New tokens per second of batched sampling with the KV cache ({@link Generator}, the path RL
 * rollouts take) on the cpu backend, against the same decode loop in PyTorch
 * ({@code benchmarks/torch_generate.py}), run as a child process right after each batch size.
 *
 * <p>Usage: {@code GenerateBench [--threads 2] [--batches 1,8,64] [--seconds 3] [--warmup-seconds 5]
 * [--torch-threads 1,2] [--blas-threads 1] [--openblas-coretype auto|NAME] [--python /usr/bin/python3]
 * [--torch-script benchmarks/torch_generate.py] [--no-torch] [--profile]}
 */
public final class GenerateBench {

    private static final int PROMPT = 32;
    private static final int NEW_TOKENS = 128;
    private static final float TEMPERATURE = 1f;
    private static final float TOP_P = 0.95f;

    private record Row(int B, Timing tempest, Timing torch, int torchThreads, String loadBefore, String loadAfter) {
    }

    private GenerateBench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = 2;
        int[] batches = {1, 8, 64};
        double seconds = 3;
        double warmupSeconds = 5;
        int[] torchThreads = {1, 2};
        int blasThreads = 1;
        String coreType = "auto";
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path script = Path.of("benchmarks", "torch_generate.py");
        boolean torch = true;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--torch-threads" -> torchThreads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--blas-threads" -> blasThreads = Integer.parseInt(args[++i]);
                case "--openblas-coretype" -> coreType = args[++i];
                case "--python" -> python = args[++i];
                case "--torch-script" -> script = Path.of(args[++i]);
                case "--no-torch" -> torch = false;
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --threads N,"
                        + " --batches B[,B...], --seconds S, --warmup-seconds S, --torch-threads N[,N...], --blas-threads N, --openblas-coretype"
                        + " auto|NAME, --python PATH, --torch-script PATH, --no-torch, --profile");
            }
        }
        if (!Files.isRegularFile(script) && Files.isRegularFile(Path.of("torch_generate.py"))) {
            script = Path.of("torch_generate.py"); // run from inside benchmarks/
        }

        BenchModel shape = BenchModel.named("b").withPositions(PROMPT + NEW_TOKENS);
        Sampling sampling = new Sampling(NEW_TOKENS, TEMPERATURE, 0, TOP_P, 1);
        List<TorchGenerate> baselines = new ArrayList<>();
        for (int n : torch ? torchThreads : new int[0]) {
            baselines.add(new TorchGenerate(python, script, n, blasThreads, NEW_TOKENS, seconds, coreType));
        }
        List<Row> rows = new ArrayList<>();
        try (Backend backend = new CpuBackendProvider().open("cpu", threads)) {
            LanguageModel model = newModel(backend, shape);
            Generator generator = new Generator(model, BpeTrainer.train(List.of("unused"), 256, List.of()));
            checkCache(model, generator, backend);
            // C2 compiles the Vector API kernels of both the prompt's pass and the one-token steps.
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (System.nanoTime() < warmEnd) {
                generator.generate(prompts(8, shape.V()), sampling, StopConditions.none());
            }
            for (int B : batches) {
                List<int[]> prompts = prompts(B, shape.V());
                String loadBefore = load();
                Timing tempest = Timing.measure(() -> generator.generate(prompts, sampling, StopConditions.none()),
                        seconds, shape.V(), NEW_TOKENS, "tempest batch " + B);
                // PyTorch at its best thread count: on a busy machine its OpenMP threads can wait
                // on each other for a whole time slice per op, so one thread may beat two.
                Timing pytorch = null;
                int best = 0;
                for (int n = 0; n < baselines.size(); n++) {
                    Timing t = baselines.get(n).measure(B);
                    if (t != null && (pytorch == null || t.best() < pytorch.best())) {
                        pytorch = t;
                        best = torchThreads[n];
                    }
                }
                rows.add(new Row(B, tempest, pytorch, best, loadBefore, load()));
            }
            if (profile) {
                profile(shape, threads, batches, sampling);
            }
        }

        System.out.printf("%nBatched sampling, GPT-2 L=%d C=%d H=%d V=%d n_positions=%d, prompt %d, %d new tokens,"
                        + " temperature %s, top-p %s; %d threads; best of repetitions%n", shape.L(), shape.C(),
                shape.H(), shape.V(), shape.T(), PROMPT, NEW_TOKENS, TEMPERATURE, TOP_P, threads);
        System.out.printf("%5s %12s %9s %9s %12s %9s %9s %7s %7s   %s%n", "batch", "tempest t/s", "best s", "median s",
                "pytorch t/s", "best s", "median s", "threads", "ratio", "load average before / after");
        for (Row r : rows) {
            Timing t = r.tempest();
            Timing p = r.torch();
            System.out.printf("%5d %12.1f %9.4f %9.4f %12s %9s %9s %7s %7s   %s / %s%n", r.B(), t.tokensPerSecond(),
                    t.best(), t.median(), p == null ? "-" : String.format("%.1f", p.tokensPerSecond()),
                    p == null ? "-" : String.format("%.4f", p.best()), p == null ? "-" : String.format("%.4f", p.median()),
                    p == null ? "-" : String.valueOf(r.torchThreads()),
                    p == null ? "-" : String.format("%.2f", t.tokensPerSecond() / p.tokensPerSecond()),
                    r.loadBefore(), r.loadAfter());
        }
        System.out.println("tokens/s = batch x new tokens / best generation time (prompt pass included);"
                + " pytorch at the better of its thread counts (threads); ratio = tempest / pytorch (> 1: tempest faster).");
    }

    /** config b's GPT-2 with fresh weights; N(0, 0.02) makes near-uniform logits. */
    private static LanguageModel newModel(Backend backend, BenchModel shape) {
        LanguageModel model = new Gpt2Family().create(backend, shape.hf());
        model.initialize(new SeededRandom(1));
        return model;
    }

    /** B random prompts of PROMPT tokens, the same for a given B. */
    private static List<int[]> prompts(int B, int V) {
        SeededRandom random = new SeededRandom(B);
        List<int[]> prompts = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            int[] prompt = new int[PROMPT];
            Arrays.setAll(prompt, i -> random.nextInt(V));
            prompts.add(prompt);
        }
        return prompts;
    }

    /**
     * A speed is only reported for a cache that works: greedy generation through the cache must
     * pick, at every step, a token that recomputing the whole sequence without a cache ranks first
     * too, with the same log-probability. Float sums in another order differ by about 1e-6 here;
     * 1e-4 allows that and is far below a wrong or stale cached position (logits spread about 0.3).
     */
    private static void checkCache(LanguageModel model, Generator generator, Backend backend) {
        int V = model.vocabSize();
        List<int[]> prompts = prompts(3, V);
        List<Generation> greedy = generator.generate(prompts, new Sampling(8, 0, 0, 1, 1), StopConditions.none());
        for (int b = 0; b < prompts.size(); b++) {
            int[] drawn = greedy.get(b).tokens();
            int[] sequence = Arrays.copyOf(prompts.get(b), PROMPT + drawn.length - 1); // the last drawn is not fed
            System.arraycopy(drawn, 0, sequence, PROMPT, drawn.length - 1);
            int T = sequence.length;
            Tensor logits = model.forward(new Ops(backend, null, new ActivationArena(backend)), sequence, 1, T); // (T, V)
            float[] all = new float[T * V];
            backend.read(logits.data(), all, 0);
            for (int i = 0; i < drawn.length; i++) {
                int row = (PROMPT - 1 + i) * V;
                float max = Float.NEGATIVE_INFINITY;
                double total = 0;
                for (int v = 0; v < V; v++) {
                    max = Math.max(max, all[row + v]);
                }
                for (int v = 0; v < V; v++) {
                    total += Math.exp(all[row + v] - max);
                }
                double logProb = all[row + drawn[i]] - max - Math.log(total);
                if (all[row + drawn[i]] < max - 1e-4 || Math.abs(logProb - greedy.get(b).logProbs()[i]) > 1e-4) {
                    throw new IllegalStateException(String.format("sequence %d, new token %d: the cache picked %d"
                                    + " (log-prob %.6f); recomputing without it gives it %.6f, and %.6f to the best",
                            b, i, drawn[i], greedy.get(b).logProbs()[i], logProb, -Math.log(total)));
                }
            }
        }
    }

    /** Time per backend call, per generation, on a separate model (the proxy slows it a little). */
    private static void profile(BenchModel shape, int threads, int[] batches, Sampling sampling) {
        for (int B : batches) {
            try (Backend opened = new CpuBackendProvider().open("cpu", threads)) {
                BackendProfile timings = new BackendProfile();
                Generator generator = new Generator(newModel(timings.wrap(opened), shape),
                        BpeTrainer.train(List.of("unused"), 256, List.of()));
                List<int[]> prompts = prompts(B, shape.V());
                generator.generate(prompts, sampling, StopConditions.none());
                timings.start(3);
                for (int i = 0; i < 3; i++) {
                    generator.generate(prompts, sampling, StopConditions.none());
                }
                timings.print("batch " + B + ", ms per generation by backend call (profiled run)");
            }
        }
    }

    /** The 1-, 5- and 15-minute load averages, as uptime prints them. */
    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
