package dev.tempest.bench;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendFactory;
import dev.tempest.accelerator.CpuBackendProvider;
import dev.tempest.accelerator.opencl.OpenClBackendProvider;
import dev.tempest.autograd.Tape;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.gpt.Gpt2Family;
import dev.tempest.nn.ActivationArena;
import dev.tempest.nn.Ops;
import dev.tempest.optim.AdamW;
import dev.tempest.random.SeededRandom;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Milliseconds per full GPT-2 training step (forward, cross-entropy, backward, AdamW; fp32) on the
 * cpu backend (or any device: {@code --device cpu,opencl:0:0}), and the heap the step needs; the numbers
 * to hold against llm.c's train_gpt2.c.
 *
 * <p>Usage: {@code TrainStepBench [--device cpu[,SPEC...]] [--threads 2] [--steps 20] [--warmup-seconds 3] [--config a|b|all]
 * [--verbose] [--profile]}; {@code --verbose} prints every timed step, {@code --profile} the time
 * per backend call by kind (a separate run: its timing proxy is not in the reported numbers).
 */
public final class TrainStepBench {

    private record Result(BenchModel config, String device, int params, int warmupSteps, double medianMs, double bestMs,
                          long baselineHeap, long peakSampledHeap, long peakPoolHeap, double allocatedPerStep,
                          float firstLoss, float lastLoss) {
    }

    private TrainStepBench() {
    }

    public static void main(String[] args) {
        List<String> devices = List.of("cpu");
        int threads = 2;
        int steps = 20;
        double warmupSeconds = 3;
        String which = "all";
        boolean verbose = false;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--device" -> devices = List.of(args[++i].split(","));
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--config" -> which = args[++i];
                case "--verbose" -> verbose = true;
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --device SPEC[,SPEC...], --threads N, --steps N, --warmup-seconds S, --config a|b|all, --verbose, --profile");
            }
        }
        List<Result> results = new ArrayList<>();
        for (BenchModel config : BenchModel.CONFIGS) {
            for (String device : devices) {
                if (which.equals("all") || which.equals(config.name())) {
                    results.add(measure(config, device, threads, Math.max(steps, 1), warmupSeconds, verbose, null));
                    if (profile) {
                        BackendProfile timings = new BackendProfile();
                        measure(config, device, threads, Math.max(steps, 1), warmupSeconds, false, timings);
                        timings.print("config " + config.name() + " on " + device
                                + ", ms per step by backend call (profiled run)");
                    }
                }
            }
        }

        System.out.printf("%nGPT-2 training step, %d cpu threads, fp32; heap in MiB%n", threads);
        System.out.printf("%-3s %-12s %-28s %9s %10s %8s %9s %9s %9s %9s %9s  %s%n", "cfg", "device", "L/C/H/V/T/B", "params",
                "median ms", "best ms", "tok/s", "base heap", "peak heap", "pool peak", "alloc/step", "loss");
        for (Result r : results) {
            BenchModel c = r.config();
            System.out.printf("%-3s %-12s %-28s %9d %10.2f %8.2f %9.0f %9.1f %9.1f %9.1f %9.1f  %.4f -> %.4f%n",
                    c.name(), r.device(), c.L() + "/" + c.C() + "/" + c.H() + "/" + c.V() + "/" + c.T() + "/" + c.B(),
                    r.params(), r.medianMs(), r.bestMs(), c.B() * c.T() / (r.medianMs() / 1e3),
                    mib(r.baselineHeap()), mib(r.peakSampledHeap()), mib(r.peakPoolHeap()),
                    r.allocatedPerStep() / (1 << 20), r.firstLoss(), r.lastLoss());
        }
        System.out.println("base heap: used after a full GC before the timed steps (parameters, gradients, AdamW"
                + " moments); peak heap: max of MemoryMXBean heap used sampled after each timed step (live data"
                + " plus garbage not yet collected, so it depends on the GC and -Xmx); pool peak: sum of the heap"
                + " pools' peak usage over the timed steps; alloc/step: bytes allocated per step, all threads.");
    }

    private static Result measure(BenchModel c, String device, int threads, int steps, double warmupSeconds,
                                  boolean verbose, BackendProfile profile) {
        BackendFactory factory = device.equals("cpu") ? new CpuBackendProvider() : new OpenClBackendProvider();
        try (Backend opened = factory.open(device, threads)) {
            Backend backend = profile == null ? opened : profile.wrap(opened);
            LanguageModel model = new Gpt2Family().create(backend, c.hf());
            SeededRandom random = new SeededRandom(1);
            model.initialize(random);
            AdamW adamw = new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f);
            ActivationArena activations = new ActivationArena(backend);
            // One fixed random batch, so the loss must fall: the check that the step is a real one.
            int[] tokens = new int[c.B() * c.T()];
            int[] targets = new int[c.B() * c.T()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(c.V());
                targets[i] = random.nextInt(c.V());
            }

            // Warm-up: at least 20 steps and 3 s, so C2 has compiled the Vector API kernels.
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            float firstLoss = Float.NaN;
            int warmup = 0;
            for (; warmup < 20 || System.nanoTime() < warmEnd; warmup++) {
                float loss = step(backend, model, adamw, activations, tokens, targets, c);
                firstLoss = warmup == 0 ? loss : firstLoss;
            }

            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long allocatedBefore = allocatedBytes();
            if (profile != null) {
                profile.start(steps);
            }

            double[] ms = new double[steps];
            long peakSampled = 0;
            float lastLoss = Float.NaN;
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                lastLoss = step(backend, model, adamw, activations, tokens, targets, c);
                ms[i] = (System.nanoTime() - start) / 1e6;
                peakSampled = Math.max(peakSampled, memory.getHeapMemoryUsage().getUsed());
            }
            double allocatedPerStep = (double) (allocatedBytes() - allocatedBefore) / steps;
            if (verbose) {
                System.out.printf("config %s, %d warm-up steps; timed steps, ms: %s%n", c.name(), warmup,
                        Arrays.toString(Arrays.stream(ms).map(x -> Math.round(x * 10) / 10.0).toArray()));
            }
            long peakPools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

            check(c, firstLoss, lastLoss);
            Arrays.sort(ms);
            return new Result(c, device, model.parameters().size(), warmup, ms[steps / 2], ms[0], baseline, peakSampled,
                    peakPools, allocatedPerStep, firstLoss, lastLoss);
        }
    }

    /** One training step as the Trainer runs it; returns the loss of its forward. */
    private static float step(Backend backend, LanguageModel model, AdamW adamw, ActivationArena activations,
                              int[] tokens, int[] targets, BenchModel c) {
        backend.fill(model.parameters().grads(), 0);
        Tape tape = new Tape();
        Ops ops = new Ops(backend, tape, activations);
        float loss = ops.crossEntropy(model.forward(ops, tokens, c.B(), c.T()), targets, 1f);
        tape.backward();
        adamw.step(1e-3f);
        backend.synchronize();  // a device's queue holds the step until here
        return loss;
    }

    /**
     * A speed is only reported for a step that trains: the first loss of a freshly initialised
     * model (logits near 0) is within 0.2 of ln V, and dozens of steps on one batch lower it.
     */
    private static void check(BenchModel c, float firstLoss, float lastLoss) {
        if (!(Math.abs(firstLoss - Math.log(c.V())) < 0.2)) {
            throw new IllegalStateException("config " + c.name() + ": first loss " + firstLoss
                    + ", expected about ln V = " + Math.log(c.V()));
        }
        if (!(lastLoss < firstLoss - 0.5)) {
            throw new IllegalStateException("config " + c.name() + ": loss on one repeated batch went "
                    + firstLoss + " -> " + lastLoss + "; a training step should lower it");
        }
    }

    /** Bytes allocated so far by all live threads (the backend's pool included), as HotSpot counts them. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            long total = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                total += Math.max(bytes, 0);
            }
            return total;
        }
        return 0;
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
