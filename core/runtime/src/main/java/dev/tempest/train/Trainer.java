package dev.tempest.train;

import dev.tempest.accelerator.Backend;
import dev.tempest.autograd.Tape;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.ActivationArena;
import dev.tempest.nn.Ops;
import dev.tempest.nn.ParameterArena;
import dev.tempest.optim.AdamW;
import dev.tempest.optim.GradientClip;
import dev.tempest.random.SeededRandom;
import dev.tempest.run.StageMetrics;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one training loop every stage uses: micro-batches with gradient accumulation, global
 * norm clipping, the learning-rate schedule, AdamW, held-out evaluation, checkpoints, exact
 * resume, and a guard that stops at the first NaN or infinity, naming the step and tensor.
 * A stage supplies only its {@link Objective} and its batches.
 *
 * <p>Resume is exact for everything the run reports: the weights, the optimiser, the data and
 * held-out positions, the random stream and the metrics log all continue from the checkpoint,
 * so a run interrupted and resumed writes what an uninterrupted one writes (timings aside).
 */
public final class Trainer {

    private final LanguageModel model;
    private final Objective objective;
    private final TrainerSettings settings;
    private final Batches train;
    private final Batches validation;       // null: no evaluation
    private final Path checkpoints;         // null: no checkpoints
    private final StageMetrics metrics;     // null: no log
    private final SeededRandom random;
    private final StepListener listener;
    private final Backend backend;
    private final AdamW adamw;
    private final ActivationArena activations; // every pass's activations, allocated once
    private Supplier<Map<String, Object>> heldOutTasks;  // null: none

    public Trainer(LanguageModel model, Objective objective, TrainerSettings settings, Batches train,
                   Batches validation, Path checkpoints, StageMetrics metrics, SeededRandom random) {
        this(model, objective, settings, train, validation, checkpoints, metrics, random, (step, total, loss, speed) -> { });
    }

    public Trainer(LanguageModel model, Objective objective, TrainerSettings settings, Batches train,
                   Batches validation, Path checkpoints, StageMetrics metrics, SeededRandom random,
                   StepListener listener) {
        this.model = model;
        this.objective = objective;
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.random = random;
        this.listener = listener;
        this.backend = model.parameters().backend();
        this.adamw = new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, settings.weightDecay());
        this.activations = new ActivationArena(backend);
    }

    /**
     * Also evaluates the model every eval_every steps by {@code evaluation} (held-out tasks
     * answered and verified: what a loss on held-out batches cannot show), logging what it returns
     * as {@code eval_*} with the step.
     */
    public Trainer evaluatingEvery(Supplier<Map<String, Object>> evaluation) {
        this.heldOutTasks = evaluation;
        return this;
    }

    /** Trains to {@code settings.steps()}, first resuming from the latest intact checkpoint if there is one. */
    public TrainResult run() throws IOException {
        int firstStep = resume();
        int step = firstStep;
        float loss = Float.NaN;
        boolean checkpointDue = false;  // due, and waiting for the batches' next boundary
        while (step < settings.steps()) {
            long start = System.nanoTime();
            StepResult result = trainStep(step);
            loss = result.loss().value();
            step++;
            log(step, result, (System.nanoTime() - start) / 1e9);
            if ((validation != null || heldOutTasks != null) && settings.evalEvery() > 0 && step % settings.evalEvery() == 0) {
                Map<String, Object> line = new LinkedHashMap<>();  // Map.of's order changes from one JVM to the next
                line.put("step", step);
                if (validation != null) {
                    Loss heldOut = evaluate();
                    line.put("val_loss", heldOut.value());
                    heldOut.metrics().forEach((name, value) -> line.put("val_" + name, value));
                }
                if (heldOutTasks != null) {
                    heldOutTasks.get().forEach((name, value) -> line.put("eval_" + name, value));
                }
                log(line);
            }
            checkpointDue |= settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0;
            if (checkpoints != null && ((checkpointDue && train.atBoundary()) || step == settings.steps())) {
                checkpointDue = false;
                TrainingCheckpoint.save(checkpoints, model, adamw, new TrainingCheckpoint.State(step, train.position(),
                        validation == null ? 0 : validation.position(), random.state(),
                        metrics == null ? 0 : metrics.position(), backend.describe(), train.carried(), null),
                        settings.keepCheckpoints());
            }
        }
        return new TrainResult(firstStep, step, loss);
    }

    /** The mean loss, and the mean of each metric, over the next held-out batches, with no gradients. */
    public Loss evaluate() {
        List<Loss> losses = new ArrayList<>();
        for (int i = 0; i < settings.evalBatches(); i++) {
            losses.add(objective.loss(new Ops(backend, null, activations), model, validation.next(), 1f));
        }
        return Loss.mean(losses);
    }

    /**
     * One optimiser step's loss (means over its micro-batches), gradient norm before clipping,
     * tokens trained on, and what producing its batches measured.
     */
    private record StepResult(Loss loss, double gradNorm, long tokens, Map<String, Double> batchMetrics) {
    }

    private StepResult trainStep(int step) {
        ParameterArena parameters = model.parameters();
        backend.fill(parameters.grads(), 0);
        List<Loss> losses = new ArrayList<>();
        long tokens = 0;
        Map<String, Double> batchMetrics = new LinkedHashMap<>();
        for (int micro = 0; micro < settings.microBatches(); micro++) {
            Tape tape = new Tape();
            Batch batch = train.next();
            batchMetrics.putAll(batch.metrics());
            losses.add(objective.loss(new Ops(backend, tape, activations), model, batch, 1f / settings.microBatches()));
            tape.backward();
            tokens += batch.tokens();
        }
        Loss mean = Loss.mean(losses);
        if (!Float.isFinite(mean.value())) {
            throw new TrainingDiverged("step " + (step + 1) + ": loss is " + mean.value());
        }
        double norm = GradientClip.clip(backend, parameters.grads(), settings.clipNorm());
        if (!Double.isFinite(norm)) {
            throw new TrainingDiverged("step " + (step + 1) + ": gradient of " + firstNonFinite(parameters) + " is not finite");
        }
        adamw.step(settings.learningRate().at(step));
        return new StepResult(mean, norm, tokens, batchMetrics);
    }

    private String firstNonFinite(ParameterArena parameters) {
        for (Map.Entry<String, Tensor> parameter : parameters.parameters().entrySet()) {
            if (!Double.isFinite(backend.sumOfSquares(parameter.getValue().grad()))) {
                return parameter.getKey();
            }
        }
        return "an unnamed tensor";
    }

    private int resume() throws IOException {
        if (checkpoints == null) {
            return 0;
        }
        Optional<Path> latest = TrainingCheckpoint.latest(checkpoints, listener::notice);
        if (latest.isEmpty()) {
            return 0;
        }
        TrainingCheckpoint.State state = TrainingCheckpoint.restore(latest.get(), model, adamw);
        train.seek(state.dataPosition());
        train.carry(state.carried());
        if (validation != null) {
            validation.seek(state.validationPosition());
        }
        random.restore(state.randomState());
        if (metrics != null) {
            metrics.continueAt(state.metricsPosition());
        }
        if (!backend.describe().equals(state.device())) {
            listener.notice("steps 1-" + state.step() + " ran on " + state.device() + ", the rest run on "
                    + backend.describe() + ": the result equals an uninterrupted run's only to float rounding");
        }
        return state.step();
    }

    private void log(int step, StepResult result, double seconds) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("loss", result.loss().value());
        line.putAll(result.loss().metrics());
        line.putAll(result.batchMetrics());
        line.put("lr", settings.learningRate().at(step - 1));
        line.put("grad_norm", result.gradNorm());
        long tokensPerSecond = Math.round(result.tokens() / seconds);
        line.put("tokens_per_s", tokensPerSecond);
        line.put("step_s", Math.round(seconds * 1000) / 1000.0);
        log(line);
        listener.stepDone(step, settings.steps(), result.loss().value(), tokensPerSecond);
    }

    private void log(Map<String, Object> line) throws IOException {
        if (metrics != null) {
            metrics.log(line);
        }
    }
}
