package dev.tempest.reward.model;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.PromptCompletion;
import dev.tempest.api.RewardScorer;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.ScoreHead;
import dev.tempest.model.ScoredSequences;
import dev.tempest.model.SequenceClassification;
import dev.tempest.model.TokenizerConfig;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A reward model folder, loaded on a backend: each (prompt, completion) rendered as the model was
 * trained on it (through the chat template its {@code tokenizer_config.json} names, else the plain
 * one, which uses plain-text pairs as they are), cut to the model's context, and a batch scored in
 * one forward pass, right-padded, each read at its last token before the pad token, as Hugging
 * Face's classifier reads it.
 */
final class FolderScorer implements RewardScorer {

    private final Backend backend;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final OptionalInt padTokenId;

    private FolderScorer(Backend backend, LanguageModel model, Tokenizer tokenizer, ChatTemplate template,
                         OptionalInt padTokenId) {
        this.backend = backend;
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.padTokenId = padTokenId;
    }

    /**
     * The reward model in {@code dir} on {@code backend}, which the scorer then owns and closes.
     *
     * @throws IOException for a folder that is not a one-label sequence classifier, or that no installed family reads
     */
    static FolderScorer open(Path dir, ModelFamilies families, Backend backend) throws IOException {
        ModelFolder folder = new ModelFolder(dir);
        if (folder.problem().isPresent()) {
            throw new IOException(folder.problem().get());
        }
        Map<String, Object> config = folder.config();
        LanguageModel model = folder.loadRewardModel(families.find(config).orElseThrow(() ->
                new IOException(dir + ": " + families.missing(config))), backend);
        ChatTemplate template = TokenizerConfig.template(dir).orElse(ChatTemplate.forName("plain"));
        return new FolderScorer(backend, model, folder.tokenizer(), template, SequenceClassification.padTokenId(config));
    }

    @Override
    public double[] score(List<PromptCompletion> batch) {
        if (batch.isEmpty()) {
            return new double[0];
        }
        List<int[]> sequences = new ArrayList<>(batch.size());
        for (PromptCompletion pair : batch) {
            int[] tokens = template.render(tokenizer, pair.prompt(), pair.completion()).tokens();
            sequences.add(Arrays.copyOf(tokens, Math.min(tokens.length, model.contextLength())));
        }
        ScoredSequences scored = ScoredSequences.of(sequences, padTokenId);
        Ops ops = new Ops(backend, null);
        Tensor scores = ScoreHead.scores(ops, model, scored.inputs(), scored.at(), scored.rows());   // (n, 1)
        float[] values = new float[scores.size()];
        backend.read(scores.data(), values, 0);
        double[] rewards = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rewards[i] = values[i];
        }
        return rewards;
    }

    @Override
    public void close() {
        backend.close();
    }
}
