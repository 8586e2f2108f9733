package dev.tempest.pipeline;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.ModelConfigException;
import dev.tempest.api.TextRecord;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.data.RowTally;
import dev.tempest.data.TokenCache;
import dev.tempest.data.UnigramBaseline;
import dev.tempest.generate.Generation;
import dev.tempest.generate.Generator;
import dev.tempest.generate.Sampling;
import dev.tempest.generate.StopConditions;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.Layouts;
import dev.tempest.model.ModelFamily;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Objective;
import dev.tempest.train.PackedBatches;
import dev.tempest.train.TrainResult;
import dev.tempest.train.TrainingCheckpoint;
import dev.tempest.train.TrainingDiverged;
import java.io.IOException;
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
 * and trains a new model on the rest (a {@link TrainingSession}). The stage folder ends with
 * {@code model/} (Hugging Face layout, with {@code tokenizer.json}) and {@code checkpoints/}.
 */
final class PretrainStage implements Stage {

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
    public void check() {
        DataSets.check("dataset", config.dataset(), loader);
        if (config.model().config().containsKey("vocab_size")) {
            throw new InvalidFieldException("model.config.vocab_size", "is set by the stage's vocab_size (the trained"
                    + " tokenizer's size); remove it here");
        }
        Map<String, Object> modelConfig = modelConfig(config.vocabSize());
        try {
            family.checkNewConfig(modelConfig);
        } catch (ModelConfigException e) {
            throw new InvalidFieldException("model.config." + e.key(), e.problem());
        }
        long parameters = Layouts.parameterCount(family.tensorLayout(modelConfig));
        if (parameters > Integer.MAX_VALUE) {
            throw new InvalidFieldException("model.config", String.format("a model of %,d parameters is more than one"
                    + " parameter buffer holds (%,d)", parameters, Integer.MAX_VALUE));
        }
        int context = family.contextLength(modelConfig);
        if (config.sequenceLength() > context) {
            throw new InvalidFieldException("sequence_length", "must be at most the model's context length ("
                    + context + "), got " + config.sequenceLength());
        }
    }

    @Override
    public Map<String, Object> run(StageContext context) throws RunException, IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        TokenCache.Contents data = tokens(context, context.dir().resolve("checkpoints"), summary);
        Tokenizer tokenizer = data.tokenizer();
        int[] stream = data.tokens();
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

        try (TrainingSession session = TrainingSession.open(config, context, device)) {
            LanguageModel model = family.create(session.backend(), modelConfig(tokenizer.vocabSize()));
            SeededRandom random = new SeededRandom(config.seed());
            model.initialize(random);
            session.trainer(model, Objective.nextToken(),
                    new PackedBatches(Arrays.copyOfRange(stream, 0, trainEnd), config.batchSize(), config.sequenceLength()),
                    new PackedBatches(Arrays.copyOfRange(stream, trainEnd, stream.length), 1, config.sequenceLength()),
                    random);
            TrainResult result = session.train();
            float heldOutLoss = session.heldOutLoss();
            context.console().printf("  trained to step %d: loss %s, held-out loss %.3f against the unigram baseline's %.3f%n",
                    result.lastStep(), result.ranSteps() ? String.format("%.3f", result.lastLoss()) : "-", heldOutLoss, unigram);
            session.save(model, tokenizer);
            int[] prompt = Arrays.copyOfRange(stream, trainEnd, trainEnd + SAMPLE_PROMPT_TOKENS);
            Generation sample = new Generator(model, tokenizer).generate(List.of(prompt),
                    new Sampling(SAMPLE_TOKENS, 0.8f, 0, 0.95f, config.seed()), StopConditions.endOfText(tokenizer)).get(0);
            context.console().println("  sample (held-out prompt in brackets): [" + tokenizer.decode(prompt) + "]"
                    + tokenizer.decode(sample.withoutEndToken()));
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

    /**
     * The tokenizer and token stream: from the run's cache when an earlier attempt made one from
     * this very data set, else trained and tokenised anew. The row counts go to the console and
     * into {@code summary} either way, so that a resumed run reports what an uninterrupted one does.
     */
    private TokenCache.Contents tokens(StageContext context, Path checkpoints, Map<String, Object> summary)
            throws RunException, IOException {
        Path source = config.dataset().path();
        Path dir = context.dir().resolve("data");
        TokenCache cache = new TokenCache(dir);
        TokenCache.Contents contents = null;
        try {
            contents = cache.read(source, notice -> context.console().println("  " + notice)).orElse(null);
        } catch (TokenCache.SourceChanged e) {
            if (TrainingCheckpoint.any(checkpoints)) {
                throw new RunException(e.getMessage() + "; resuming would train on other data: restore it, or start"
                        + " over with --overwrite");
            }
            context.console().println("  " + e.getMessage() + "; tokenising again");
        }
        if (contents != null) {
            context.console().println("  tokens read from the run's cache, " + dir);
            summary.putAll(DataSets.report(contents.rows(), contents.badRows(), List.of(), context.console()));
            return contents;
        }
        List<String> documents = new ArrayList<>();
        RowTally tally = DataSets.read(config.dataset(), loader, record -> {
            if (record instanceof TextRecord text) {
                documents.add(text.text());
            }
        });
        summary.putAll(DataSets.report(tally.rows(), tally.badRows(), tally.firstBadRows(), context.console()));
        if (documents.isEmpty()) {
            throw new RunException(source + ": no text documents to train on");
        }
        List<String> specials = new ArrayList<>(List.of(PretrainStageConfig.END_OF_TEXT));
        specials.addAll(config.specialTokens());
        Tokenizer tokenizer = BpeTrainer.train(documents, config.vocabSize(), specials);
        contents = new TokenCache.Contents(tokenizer, tokenize(tokenizer, documents), tally.rows(), tally.badRows());
        cache.write(source, contents);
        context.console().printf("  %,d documents tokenised into %s%n", documents.size(), dir);
        return contents;
    }

    private static int[] tokenize(Tokenizer tokenizer, List<String> documents) {
        int endOfText = tokenizer.specialToken(PretrainStageConfig.END_OF_TEXT).orElseThrow();
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

    /** The stage's model config, with the vocabulary size the tokenizer has and the family's model_type. */
    private Map<String, Object> modelConfig(int vocabSize) {
        Map<String, Object> modelConfig = new LinkedHashMap<>(config.model().config());
        modelConfig.putIfAbsent("model_type", family.id());
        modelConfig.put("vocab_size", vocabSize);
        return modelConfig;
    }

}
