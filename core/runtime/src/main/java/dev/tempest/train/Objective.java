package dev.tempest.train;

import dev.tempest.model.LanguageModel;
import dev.tempest.nn.Ops;

/** What a stage minimises on a batch: stages differ only in this. */
@FunctionalInterface
public interface Objective {

    /**
     * The loss on {@code batch}, its backward recorded on the ops' tape with the gradient scaled
     * by {@code lossScale} (1 / micro-batches when gradients accumulate), and what the stage logs with it.
     */
    Loss loss(Ops ops, LanguageModel model, Batch batch, float lossScale);

    /**
     * The mean cross-entropy of every next token that has a target: all of them in pre-training;
     * in SFT the completion's, padding and prompts having none.
     */
    static Objective nextToken() {
        return (ops, model, batch, lossScale) ->
                Loss.of(ops.crossEntropy(model.forward(ops, batch.inputs(), batch.at(), null), batch.targets(), lossScale));
    }
}
