package dev.tempest.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class KlEstimatorTest {

    @Test
    void valuesAndDerivativesAtOnePointAsComputedByHand() {
        double logp = -1;
        double ref = -1.5;

        assertEquals(0.5, KlEstimator.K1.value(logp, ref), 0);
        assertEquals(0.125, KlEstimator.K2.value(logp, ref), 0, "0.5^2 / 2");
        // exp(ref - logp) - (ref - logp) - 1 = e^-0.5 + 0.5 - 1; to 1e-15, as written it rounds at 1.1 (ulp 2.2e-16).
        assertEquals(Math.exp(-0.5) + 0.5 - 1, KlEstimator.K3.value(logp, ref), 1e-15);
        assertEquals(1.0, KlEstimator.K1.derivative(logp, ref), 0);
        assertEquals(0.5, KlEstimator.K2.derivative(logp, ref), 0, "logp - ref");
        assertEquals(1 - Math.exp(-0.5), KlEstimator.K3.derivative(logp, ref), 1e-15, "-e^(ref - logp) + 1");
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double[] logps = {-3.0, -0.2, -1.1, -7.5};
        double[] refs = {-2.5, -0.9, -1.1, -4.0};
        for (KlEstimator estimator : KlEstimator.values()) {
            double[] analytic = new double[logps.length];
            for (int i = 0; i < logps.length; i++) {
                analytic[i] = estimator.derivative(logps[i], refs[i]);
            }
            FiniteDifferences.assertMatches(FiniteDifferences.of(logps, x -> {
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    sum += estimator.value(x[i], refs[i]);
                }
                return sum;
            }), analytic);
        }
    }

    /**
     * Tokens drawn from the policy: the expectation of k1 and of k3 is KL(p || q) exactly,
     * that of k2 is not (here 0.694 against 0.584). Over a three-token vocabulary the
     * expectation is a weighted sum; 1e-14 is its rounding, computed two ways.
     */
    @Test
    void k1AndK3AreUnbiasedUnderThePolicyAndK2IsNot() {
        double[] p = {0.7, 0.2, 0.1};
        double[] q = {0.2, 0.5, 0.3};
        double kl = 0;
        for (int x = 0; x < 3; x++) {
            kl += p[x] * Math.log(p[x] / q[x]);
        }
        for (KlEstimator estimator : KlEstimator.values()) {
            double expectation = 0;
            for (int x = 0; x < 3; x++) {
                expectation += p[x] * estimator.value(Math.log(p[x]), Math.log(q[x]));
            }
            if (estimator == KlEstimator.K2) {
                assertNotEquals(kl, expectation, 0.1);
            } else {
                assertEquals(kl, expectation, 1e-14, estimator.name());
            }
        }
    }

    @Test
    void meanCountsOnlyTheCountedTokens() {
        CompletionMask mask = CompletionMask.ofLengths(new int[] {2, 1}, 2);
        float[] logp = {-1, -2, -0.5f, 99};
        float[] ref = {-1.5f, -2, -1, -99};

        assertEquals((0.5 + 0 + 0.5) / 3, KlEstimator.K1.mean(logp, ref, mask), 1e-16);
    }
}
