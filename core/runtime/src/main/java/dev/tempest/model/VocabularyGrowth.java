package dev.tempest.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grows a model's vocabulary by new rows, for tokens its tokenizer gains (a chat template's
 * special tokens): a new model of the same family with the larger {@code vocab_size}, every
 * parameter copied, and each tensor whose size changed with it (the embedding, an untied head,
 * (V, C) both) given new rows equal to the mean of its old ones, as Hugging Face's
 * {@code resize_token_embeddings(mean_resizing=True)} does: a new token starts where an average
 * one is, not at noise the model has never seen.
 */
public final class VocabularyGrowth {

    private VocabularyGrowth() {
    }

    /** {@code model} with a vocabulary of {@code vocabSize} (at least its own), on the same backend. */
    public static LanguageModel grow(LanguageModel model, ModelFamily family, int vocabSize) {
        int V = model.vocabSize();
        if (vocabSize < V) {
            throw new IllegalArgumentException("a vocabulary grows: " + V + " cannot become " + vocabSize);
        }
        Map<String, Object> config = new LinkedHashMap<>(model.config());
        config.put("vocab_size", vocabSize);
        LanguageModel grown = family.create(model.parameters().backend(), config);
        for (String name : model.parameters().parameters().keySet()) {
            float[] old = model.parameters().read(name);
            boolean perToken = grown.parameters().get(name).size() != old.length; // only the vocabulary's rows change
            grown.parameters().write(name, perToken ? withMeanRows(old, V, vocabSize) : old);
        }
        return grown;
    }

    /** old (V, C) with rows V..newV-1 set to the mean row: (newV, C). */
    private static float[] withMeanRows(float[] old, int V, int newV) {
        int C = old.length / V;
        float[] grown = new float[newV * C];
        System.arraycopy(old, 0, grown, 0, old.length);
        for (int c = 0; c < C; c++) {
            double sum = 0;
            for (int v = 0; v < V; v++) {
                sum += old[v * C + c];
            }
            float mean = (float) (sum / V);
            for (int v = V; v < newV; v++) {
                grown[v * C + c] = mean;
            }
        }
        return grown;
    }
}
