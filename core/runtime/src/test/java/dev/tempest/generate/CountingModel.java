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

    @Override
    public Tensor forward(Ops ops, int[] tokens, TokenPositions at, KvCache cache) {
        int rows = cache == null ? at.B() * at.T() : at.B(); // with a cache, each sequence's last position only
        float[] logits = new float[rows * vocabSize];    // (rows, V)
        for (int r = 0; r < rows; r++) {
            int last = cache == null ? tokens[r] : tokens[r * at.T() + at.T() - 1];
            logits[r * vocabSize + (last + 1) % vocabSize] = 20;
        }
        if (cache != null) {
            cache.advance(at.T());
        }
        Tensor out = new Tensor(parameters.backend().allocate(logits.length), null, rows, vocabSize);
        parameters.backend().write(out.data(), logits, 0);
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
