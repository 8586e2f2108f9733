package dev.tempest.generate;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.KvCache;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.TokenPositions;
import dev.tempest.nn.Ops;
import dev.tempest.nn.ParameterArena;
import dev.tempest.random.SeededRandom;
import dev.tempest.tensor.Tensor;
import java.util.Map;

/**
 * A stand-in model whose next token is always the last one plus 1 (logit 20 against 0 for every
 * other id), so a test knows what greedy generation must produce. Byte tokens count through the
 * alphabet: after "a" come "b", "c", "d".
 */
final class CountingModel implements LanguageModel {

    private final ParameterArena parameters;
    private final int vocabSize;
    private final int contextLength;

    CountingModel(Backend backend, int vocabSize, int contextLength) {
        this.parameters = ParameterArena.allocate(backend, Map.of("unused", new int[] {1}));
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
    }

    /** Each row's hidden state is one number: the id of its token (with a cache, of each sequence's last). */
    @Override
    public Tensor hiddenStates(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        int rows = cache == null ? at.B() * at.T() : at.B(); // with a cache, each sequence's last position only
        float[] ids = new float[rows];                   // (rows, 1)
        for (int r = 0; r < rows; r++) {
            ids[r] = cache == null ? tokens[r] : tokens[r * at.T() + at.T() - 1];
        }
        if (cache != null) {
            cache.advance(at.T());
        }
        return upload(ids, rows, 1);
    }

    @Override
    public Tensor head(Ops ops, Tensor hidden) {
        int rows = hidden.dim(0);
        float[] ids = new float[rows];
        parameters.backend().read(hidden.data(), ids, 0);
        float[] logits = new float[rows * vocabSize];    // (rows, V)
        for (int r = 0; r < rows; r++) {
            logits[r * vocabSize + ((int) ids[r] + 1) % vocabSize] = 20;
        }
        return upload(logits, rows, vocabSize);
    }

    private Tensor upload(float[] values, int rows, int columns) {
        Tensor out = new Tensor(parameters.backend().allocate(values.length), null, rows, columns);
        parameters.backend().write(out.data(), values, 0);
        return out;
    }

    @Override
    public KvCache newCache(int B, int Tmax) {
        return new KvCache(parameters.backend(), 1, B, Tmax, 1);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public ParameterArena parameters() {
        return parameters;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public void initialize(SeededRandom random) {
    }
}
