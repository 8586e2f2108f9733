package dev.tempest.pipeline;

import dev.tempest.accelerator.Backend;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.config.TrainingStageConfig;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.TokenizerConfig;
import dev.tempest.optim.LearningRate;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Batches;
import dev.tempest.train.Objective;
import dev.tempest.train.StepListener;
import dev.tempest.train.TrainResult;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainerSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What every training stage does around its objective: the device it opened, a progress bar,
 * the Trainer built from the stage's settings with its checkpoints in the stage folder, and the
 * model saved with its tokenizer in {@code model/} at the end. A stage file holds only what
 * differs: its data, its model, its objective.
 */
final class TrainingSession implements AutoCloseable {

    private final TrainingStageConfig config;
    private final StageContext context;
    private final Backend backend;
    private final ConsoleProgress progress;
    private Trainer trainer;

    private TrainingSession(TrainingStageConfig config, StageContext context, Backend backend) {
        this.config = config;
        this.context = context;
        this.backend = backend;
        this.progress = new ConsoleProgress(config.name(), "steps", config.steps());
    }

    /** Opens the stage's device, saying which it is. */
    static TrainingSession open(TrainingStageConfig config, StageContext context, DeviceChoice device) {
        return new TrainingSession(config, context, device.open(config.threadCount(), context.console()));
    }

    Backend backend() {
        return backend;
    }

    /** Where the stage's checkpoints go. */
    Path checkpoints() {
        return context.dir().resolve("checkpoints");
    }

    /**
     * The Trainer for {@code model}, its checkpoints in the stage folder, progress and notices on
     * the console; {@code random} is the stage's stream.
     */
    Trainer trainer(LanguageModel model, Objective objective, Batches train, Batches validation, SeededRandom random) {
        trainer = new Trainer(model, objective, settings(), train, validation, checkpoints(), context.metrics(), random,
                new StepListener() {
                    @Override
                    public void stepDone(int step, int total, float loss, long speed) {
                        progress.stepTo(step, String.format("loss %.3f, %,d tok/s", loss, speed));
                    }

                    @Override
                    public void notice(String message) {
                        context.console().println("  " + message);
                    }
                });
        return trainer;
    }

    /** Trains to the stage's steps, resuming from its checkpoints. */
    TrainResult train() throws IOException {
        TrainResult result = trainer.run();
        if (result.firstStep() > 0) {
            context.console().printf("  resumed at step %d%n", result.firstStep());
        }
        return result;
    }

    /** The mean loss over the next held-out batches. */
    float heldOutLoss() {
        return trainer.evaluate().value();
    }

    /** Writes {@code model} and {@code tokenizer} to the stage's {@code model/}, in Hugging Face's layout. */
    Path save(LanguageModel model, Tokenizer tokenizer) throws IOException {
        Path dir = context.dir().resolve("model");
        HfCheckpoint.save(model, dir);
        tokenizer.save(dir.resolve("tokenizer.json"));
        context.console().println("  model written to " + dir);
        return dir;
    }

    /**
     * As {@link #save(LanguageModel, Tokenizer)}, with the chat template the model now speaks in
     * {@code tokenizer_config.json}; a null template (prompts given as they are) writes none.
     */
    Path save(LanguageModel model, Tokenizer tokenizer, ChatTemplate template) throws IOException {
        return template == null ? save(model, tokenizer) : save(model, tokenizer, template, null);
    }

    /** As {@link #save(LanguageModel, Tokenizer, ChatTemplate)}, naming the token batches are padded with (null: none). */
    Path save(LanguageModel model, Tokenizer tokenizer, ChatTemplate template, String padToken) throws IOException {
        Path dir = save(model, tokenizer);
        TokenizerConfig.write(dir, template, template.endOfTurn(), padToken);
        return dir;
    }

    private TrainerSettings settings() {
        LearningRate schedule = LearningRate.warmupCosine(config.learningRate().floatValue(),
                config.minLearningRate().floatValue(), config.warmupSteps(), config.steps());
        return new TrainerSettings(config.steps(), config.microBatches(), schedule, config.clipNorm(),
                config.weightDecay().floatValue(), config.evalEvery(), config.evalBatches(), config.checkpointEvery(),
                config.keepCheckpoints());
    }

    @Override
    public void close() {
        progress.close();
        backend.close();
    }
}
