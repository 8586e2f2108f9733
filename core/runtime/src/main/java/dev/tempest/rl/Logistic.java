package dev.tempest.rl;

/** The logistic sigmoid and its log, without overflow for any argument. */
final class Logistic {

    private Logistic() {
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log sigmoid(x) = -log(1 + exp(-x)), as -(max(-x, 0) + log1p(exp(-|x|))): exp never overflows. */
    static double logSigmoid(double x) {
        return -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    }
}
