package dev.tempest.pipeline;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.TextRecord;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.data.BadRowException;
import dev.tempest.data.RowTally;
import dev.tempest.data.TokenFile;
import dev.tempest.data.UnigramBaseline;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.optim.LearningRate;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Objective;
import dev.tempest.train.PackedBatches;
import dev.tempest.train.TrainResult;
import dev.tempest.train.Trainer;
import dev.tempest.train.TrainerSettings;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pre-training from scratch: reads the data set, trains a byte-level BPE vocabulary on it,
 * tokenises it once into one stream (documents joined by {@code <|endoftext|>}) kept in
 * {@code data/tokens.bin} beside {@code data/tokenizer.json}, holds out its end,
 * and trains a new model on the rest with the {@link Trainer}. The stage folder ends with
 * {@code model/} (Hugging Face layout, with {@code tokenizer.json}) and {@code checkpoints/}.
 */
final class PretrainStage implements Stage {

    static final String END_OF_TEXT = "<|endoftext|>";
    private static final int SAMPLE_PROMPT_TOKENS = 8;
    private static final int SAMPLE_TOKENS = 40;

    private final PretrainStageConfig config;
    private final DatasetLoader loader;
    private final ModelFamily family;
    private final DeviceChoice device;

    PretrainStage(PretrainStageConfig config, DatasetLoader loader, ModelFamily family, DeviceChoice device) {
        this.config = config;
        this.loader = loader;
        this.family = family;
        this.device = device;
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        Path data = context.dir().resolve("data");
        Path tokenizerFile = data.resolve("tokenizer.json");
        Path tokensFile = data.resolve("tokens.bin");
        Tokenizer tokenizer;
        int[] stream;
        if (Files.isRegularFile(tokenizerFile) && Files.isRegularFile(tokensFile)) {
            tokenizer = Tokenizer.load(tokenizerFile);   // a resumed run: tokenised already
            stream = TokenFile.read(tokensFile);
            context.console().println("  tokens read from " + tokensFile);
        } else {
            List<String> documents = documents();
            tokenizer = BpeTrainer.train(documents, config.vocabSize(), List.of(END_OF_TEXT));
            stream = tokenize(tokenizer, documents);
            Files.createDirectories(data);
            tokenizer.save(tokenizerFile);
            TokenFile.write(tokensFile, stream);  // after the tokenizer: its presence means both are whole
            context.console().printf("  %,d documents tokenised into %s%n", documents.size(), tokensFile);
        }
        int heldOut = (int) Math.round(stream.length * config.validationFraction());
        int trainEnd = stream.length - heldOut;
        int window = config.batchSize() * (config.sequenceLength() + 1);
        if (trainEnd < window || heldOut < config.sequenceLength() + 1) {
            throw new RunException(config.dataset().path() + ": " + stream.length + " tokens are too few for batches of "
                    + config.batchSize() + " x " + config.sequenceLength() + " and a held-out share of " + config.validationFraction());
        }
        double unigram = UnigramBaseline.crossEntropy(stream, trainEnd, stream, trainEnd, tokenizer.vocabSize());
        context.console().printf("  %,d tokens (vocabulary %d); held out %,d; unigram baseline %.3f%n",
                stream.length, tokenizer.vocabSize(), heldOut, unigram);

        try (Backend backend = device.open(config.threads(), context.console());
             ConsoleProgress progress = new ConsoleProgress(config.name(), "steps", config.steps())) {
            LanguageModel model = family.create(backend, modelConfig(tokenizer));
            SeededRandom random = new SeededRandom(config.seed());
            model.initialize(random);
            Trainer trainer = new Trainer(model, Objective.nextToken(), settings(),
                    new PackedBatches(Arrays.copyOfRange(stream, 0, trainEnd), config.batchSize(), config.sequenceLength()),
                    new PackedBatches(Arrays.copyOfRange(stream, trainEnd, stream.length), 1, config.sequenceLength()),
                    context.dir().resolve("checkpoints"), context.metrics(), random,
                    (step, total, loss, speed) -> progress.stepTo(step, String.format("loss %.3f, %,d tok/s", loss, speed)));
            TrainResult result = trainer.run();
            float heldOutLoss = trainer.evaluate();
            HfCheckpoint.save(model, context.dir().resolve("model"));
            tokenizer.save(context.dir().resolve("model").resolve("tokenizer.json"));
            if (result.firstStep() > 0) {
                context.console().printf("  resumed at step %d%n", result.firstStep());
            }
            context.console().printf("  trained to step %d: loss %s, held-out loss %.3f against the unigram baseline's %.3f%n",
                    result.lastStep(), result.ranSteps() ? String.format("%.3f", result.lastLoss()) : "-", heldOutLoss, unigram);
            context.console().println("  model written to " + context.dir().resolve("model"));
            int[] prompt = Arrays.copyOfRange(stream, trainEnd, trainEnd + SAMPLE_PROMPT_TOKENS);
            int[] sample = new Generator(model, tokenizer).generate(prompt, new Sampling(SAMPLE_TOKENS, 0.8f, 0, 0.95f, config.seed()), true);
            context.console().println("  sample (held-out prompt in brackets): [" + tokenizer.decode(prompt) + "]"
                    + tokenizer.decode(sample));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("tokens", stream.length);
            if (result.ranSteps()) {
                summary.put("train_loss", result.lastLoss());
            }
            summary.put("val_loss", heldOutLoss);
            summary.put("unigram_val_loss", unigram);
            return summary;
        } catch (TrainingDiverged | DeviceException e) {
            throw new RunException(config.name() + ": " + e.getMessage(), e);
        }
    }

    private List<String> documents() throws RunException, IOException {
        List<String> documents = new ArrayList<>();
        try {
            loader.read(config.dataset().path(), new RowTally(config.dataset().onBadRow(), record -> {
                if (record instanceof TextRecord text) {
                    documents.add(text.text());
                }
            }));
        } catch (BadRowException e) {
            throw new RunException(e.getMessage() + " (on_bad_row: stop)");
        }
        if (documents.isEmpty()) {
            throw new RunException(config.dataset().path() + ": no text documents to train on");
        }
        return documents;
    }

    private static int[] tokenize(Tokenizer tokenizer, List<String> documents) {
        int endOfText = tokenizer.specialToken(END_OF_TEXT).orElseThrow();
        List<int[]> pieces = new ArrayList<>();
        int total = 0;
        for (String document : documents) {
            int[] ids = tokenizer.encode(document);
            pieces.add(ids);
            total += ids.length + 1;
        }
        int[] stream = new int[total];
        int at = 0;
        for (int[] ids : pieces) {
            System.arraycopy(ids, 0, stream, at, ids.length);
            at += ids.length;
            stream[at++] = endOfText;
        }
        return stream;
    }

    /** The stage's model config, with the vocabulary the tokenizer ended with and the family's model_type. */
    private Map<String, Object> modelConfig(Tokenizer tokenizer) {
        Map<String, Object> modelConfig = new LinkedHashMap<>(config.model().config());
        modelConfig.putIfAbsent("model_type", family.id());
        modelConfig.put("vocab_size", tokenizer.vocabSize());
        return modelConfig;
    }

    private TrainerSettings settings() {
        LearningRate schedule = LearningRate.warmupCosine(config.learningRate().floatValue(),
                config.minLearningRate().floatValue(), config.warmupSteps(), config.steps());
        return new TrainerSettings(config.steps(), config.microBatches(), schedule, config.clipNorm(),
                config.weightDecay().floatValue(), config.evalEvery(), config.evalBatches(), config.checkpointEvery());
    }
}
