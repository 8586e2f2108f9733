package dev.tempest.rl;

import dev.tempest.accelerator.Backend;
import dev.tempest.model.LanguageModel;
import dev.tempest.nn.ActivationArena;
import dev.tempest.nn.Ops;
import dev.tempest.train.PairBatches;
import dev.tempest.train.PreferenceExample;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a reward model does on held-out pairs: every pair scored once, in order, {@code batchSize}
 * pairs a pass without gradients, then the Bradley-Terry loss over all of them, the share of pairs
 * whose chosen answer it scores higher (pairwise accuracy) and the mean reward difference.
 */
public final class RewardEvaluation {

    private RewardEvaluation() {
    }

    public static PairLoss of(LanguageModel model, List<PreferenceExample> pairs, int batchSize,
                                         OptionalInt padTokenId, double centering) {
        int P = pairs.size();
        double[] chosen = new double[P];
        double[] rejected = new double[P];
        double[] margins = new double[P];
        Backend backend = model.parameters().backend();
        ActivationArena activations = new ActivationArena(backend);
        for (int from = 0; from < P; from += batchSize) {
            List<PreferenceExample> some = pairs.subList(from, Math.min(P, from + batchSize));
            Ops ops = new Ops(backend, null, activations);
            double[] rewards = RewardModelObjective.read(ops,
                    RewardModelObjective.rewards(ops, model, PairBatches.batch(some, padTokenId)));  // (2n): chosen, rejected
            for (int i = 0; i < some.size(); i++) {
                chosen[from + i] = rewards[i];
                rejected[from + i] = rewards[some.size() + i];
                margins[from + i] = some.get(i).margin();
            }
        }
        return new BradleyTerryLoss(centering).compute(chosen, rejected, margins);
    }
}
