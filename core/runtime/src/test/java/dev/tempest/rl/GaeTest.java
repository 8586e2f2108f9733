package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tolerances of 1e-15 to 1e-12: double rounding of the recursion, computed two ways. */
class GaeTest {

    @Test
    void threeTokensAsComputedByHand() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {3}, 3);
        double[] rewards = {0, 0, 1};
        float[] values = {0.5f, 0.375f, 0.25f};

        AdvantageEstimate estimate = Gae.estimate(rewards, values, mask, 0.9, 0.8);

        // gamma lambda = 0.72; from the end, with V and A after the last token 0:
        // t=2: delta = 1 + 0 - 0.25 = 0.75;            A = 0.75
        // t=1: delta = 0 + 0.9*0.25 - 0.375 = -0.15;   A = -0.15 + 0.72*0.75 = 0.39
        // t=0: delta = 0 + 0.9*0.375 - 0.5 = -0.1625;  A = -0.1625 + 0.72*0.39 = 0.1183
        assertArrayEquals(new double[] {0.1183, 0.39, 0.75}, estimate.advantages(), 1e-15);
        assertArrayEquals(new double[] {0.6183, 0.765, 1.0}, estimate.returns(), 1e-15, "A + V");
    }

    @Test
    void matchesTrlsReverseLoopOnUnpaddedRows() {
        Random random = new Random(13);
        int S = 3;
        int T = 6;
        double[] rewards = new double[S * T];
        float[] values = new float[S * T];
        for (int i = 0; i < S * T; i++) {
            rewards[i] = random.nextGaussian();
            values[i] = (float) random.nextGaussian();
        }
        double gamma = 0.99;
        double lam = 0.95;

        AdvantageEstimate estimate = Gae.estimate(rewards, values, CompletionMask.ofLengths(new int[] {T, T, T}, T),
                gamma, lam);

        // TRL's PPO trainer: for t in reversed(range(gen_length)): nextvalues = values[:, t + 1] if t < gen_length - 1
        // else 0.0; delta = rewards[:, t] + gamma * nextvalues - values[:, t]; lastgaelam = delta + gamma * lam *
        // lastgaelam; returns = advantages + values.
        double[] advantages = new double[S * T];
        double[] returns = new double[S * T];
        for (int s = 0; s < S; s++) {
            double lastgaelam = 0;
            for (int t = T - 1; t >= 0; t--) {
                double nextvalues = t < T - 1 ? values[s * T + t + 1] : 0.0;
                double delta = rewards[s * T + t] + gamma * nextvalues - values[s * T + t];
                lastgaelam = delta + gamma * lam * lastgaelam;
                advantages[s * T + t] = lastgaelam;
                returns[s * T + t] = lastgaelam + values[s * T + t];
            }
        }
        assertArrayEquals(advantages, estimate.advantages(), 1e-12);
        assertArrayEquals(returns, estimate.returns(), 1e-12);
    }

    @Test
    void tokensThatDoNotCountAreSkippedWhereverTheyLie() {
        // Completion 0 has a left-out token in its middle (a tool's output, say) and padding; completion 1 is
        // the same three counted tokens, packed.
        boolean[] counted = {true, false, true, true, false, true, true, true, false, false};
        CompletionMask mask = new CompletionMask(counted, 2, 5);
        double[] rewards = {0.5, 99, -1, 2, 99, 0.5, -1, 2, 0, 0};
        float[] values = {0.25f, 99, 1, -0.5f, 99, 0.25f, 1, -0.5f, 0, 0};

        AdvantageEstimate estimate = Gae.estimate(rewards, values, mask, 0.9, 0.7);

        double[] a = estimate.advantages();
        assertArrayEquals(new double[] {a[5], 0, a[6], a[7], 0}, new double[] {a[0], a[1], a[2], a[3], a[4]}, 1e-15);
        assertArrayEquals(new double[] {0, 0}, new double[] {estimate.returns()[8], estimate.returns()[9]}, 0);
    }

    @Test
    void lambdaOneIsTheMonteCarloReturnLessTheValueAndLambdaZeroTheTdError() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {3}, 3);
        double[] rewards = {1, -2, 4};
        float[] values = {0.5f, -1, 2};

        AdvantageEstimate monteCarlo = Gae.estimate(rewards, values, mask, 0.5, 1);
        AdvantageEstimate temporalDifference = Gae.estimate(rewards, values, mask, 0.5, 0);

        // sum_k gamma^k r_{t+k} - V_t: 1 - 1 + 1 - 0.5 = 0.5; -2 + 2 + 1 = 1; 4 - 2 = 2.
        assertArrayEquals(new double[] {0.5, 1, 2}, monteCarlo.advantages(), 1e-15);
        // r_t + gamma V_{t+1} - V_t: 1 - 0.5 - 0.5 = 0; -2 + 1 + 1 = 0; 4 + 0 - 2 = 2.
        assertArrayEquals(new double[] {0, 0, 2}, temporalDifference.advantages(), 1e-15);
    }
}
