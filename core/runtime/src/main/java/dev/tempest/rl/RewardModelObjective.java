package dev.tempest.rl;

import dev.tempest.model.LanguageModel;
import dev.tempest.model.ScoreHead;
import dev.tempest.nn.Ops;
import dev.tempest.tensor.Tensor;
import dev.tempest.train.Batch;
import dev.tempest.train.Loss;
import dev.tempest.train.Objective;
import dev.tempest.train.Pairs;
import java.util.Arrays;

/**
 * A reward model's objective: the Bradley-Terry loss of the rewards a sequence classifier gives
 * each pair's chosen and rejected sequence ({@link BradleyTerryLoss}), with the pairs' margins and an
 * optional centring term. The loss is computed on the host from the 2P rewards, and its
 * derivatives start the tape at them, flowing through the score head into the backbone.
 */
public final class RewardModelObjective implements Objective {

    private final BradleyTerryLoss bradleyTerry;

    /** @param centering TRL's center_rewards_coefficient; 0 for none */
    public RewardModelObjective(double centering) {
        this.bradleyTerry = new BradleyTerryLoss(centering);
    }

    @Override
    public Loss loss(Ops ops, LanguageModel model, Batch batch, float lossScale) {
        Pairs pairs = pairs(batch);
        int P = pairs.size();
        Tensor rewards = rewards(ops, model, batch);                        // (2P, 1)
        double[] values = read(ops, rewards);
        double[] margins = new double[P];
        for (int i = 0; i < P; i++) {
            margins[i] = pairs.margins()[i];
        }
        PairLoss result = bradleyTerry.compute(Arrays.copyOfRange(values, 0, P), Arrays.copyOfRange(values, P, 2 * P),
                margins);
        float[] dRewards = new float[2 * P];
        for (int i = 0; i < P; i++) {
            dRewards[i] = (float) (result.dChosen()[i] * lossScale);
            dRewards[P + i] = (float) (result.dRejected()[i] * lossScale);
        }
        ops.backwardFrom(rewards, dRewards);
        return new Loss((float) result.loss(), result.metrics());
    }

    /** The rewards (2P, 1) of the batch's chosen sequences, then its rejected ones. */
    static Tensor rewards(Ops ops, LanguageModel model, Batch batch) {
        Pairs pairs = pairs(batch);
        int P = pairs.size();
        int[] rows = new int[2 * P];
        System.arraycopy(pairs.chosenRows(), 0, rows, 0, P);
        System.arraycopy(pairs.rejectedRows(), 0, rows, P, P);
        return ScoreHead.scores(ops, model, batch.inputs(), batch.at(), rows);
    }

    /** A tensor's values, to the host, widened for the loss. */
    static double[] read(Ops ops, Tensor tensor) {
        float[] values = ops.read(tensor);
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    private static Pairs pairs(Batch batch) {
        if (batch.pairs() == null) {
            throw new IllegalArgumentException("a reward model trains on batches of pairs");
        }
        return batch.pairs();
    }
}
