package dev.tempest.pipeline;

import dev.tempest.accelerator.Backend;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.config.StageConfig;
import dev.tempest.config.StartingModel;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.VocabularyGrowth;
import dev.tempest.random.SeededRandom;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every stage that fine-tunes a starting model through a chat template does alike: the
 * template by name, its tokens checked against the starting tokenizer before anything runs, the
 * model loaded with its vocabulary grown for them when asked, and the seeded held-out share.
 */
final class FineTuning {

    private FineTuning() {
    }

    /** The template the {@code chat_template} setting names. */
    static ChatTemplate template(String name) {
        try {
            return ChatTemplate.forName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("chat_template", e.getMessage());
        }
    }

    /**
     * Refuses a starting model that cannot be found, or whose tokenizer lacks a token of
     * {@code template} when the vocabulary may not grow; {@code earlier} are the stages before.
     */
    static void check(StartingModels models, StartingModel model, List<StageConfig> earlier, ChatTemplate template,
                      boolean growVocabulary) {
        models.check(model);
        Set<String> startingTokens;
        try {
            startingTokens = ModelLineage.specialTokens(model, earlier);
        } catch (IOException e) {
            throw new InvalidFieldException("model.path", e.getMessage());
        }
        List<String> missing = template.requiredTokens().stream().filter(token -> !startingTokens.contains(token)).toList();
        if (!missing.isEmpty() && !growVocabulary) {
            throw new InvalidFieldException("chat_template", "chat template " + template.name() + " needs " + missing
                    + " as special tokens, which the starting model's tokenizer lacks: reserve them when pre-training"
                    + " (the pretrain stage's special_tokens), or let the embedding grow by a row each (grow_vocabulary: true)");
        }
    }

    /** The starting tokenizer with the template's tokens, adding only what it lacks (checked above). */
    static Tokenizer tokenizer(ModelFolder source, ChatTemplate template) throws IOException {
        return source.tokenizer().withSpecialTokens(template.requiredTokens());
    }

    /** The starting model on {@code backend}, grown by a row for each token {@code tokenizer} added. */
    static LanguageModel load(ModelFolder source, ModelFamily family, Tokenizer tokenizer, Backend backend,
                              PrintWriter console) throws IOException {
        LanguageModel model = source.load(family, backend);
        if (tokenizer.vocabSize() > model.vocabSize()) {
            console.printf("  vocabulary grows from %d to %d for the chat template's tokens%n", model.vocabSize(),
                    tokenizer.vocabSize());
            model = VocabularyGrowth.grow(model, family, tokenizer.vocabSize());
        }
        return model;
    }

    /**
     * How many of the {@code count} examples (or pairs: {@code what}) of {@code source} a
     * {@code fraction} holds out: at least one, and one left to train on.
     */
    static int heldOut(int count, double fraction, Path source, String what) throws RunException {
        int heldOut = Math.max(1, (int) Math.round(count * fraction));
        if (count - heldOut < 1) {
            throw new RunException(source + ": " + count + " " + what + " are too few to hold " + heldOut
                    + " out and train on the rest");
        }
        return heldOut;
    }

    /** {@code items} in an order drawn from the seed, so the held-out share is a fair sample, the same every run. */
    static <T> List<T> shuffled(List<T> items, long seed) {
        List<T> shuffled = new ArrayList<>();
        for (int i : new SeededRandom(seed ^ 0x5f7a_11d1L).permutation(items.size())) {
            shuffled.add(items.get(i));
        }
        return shuffled;
    }
}
