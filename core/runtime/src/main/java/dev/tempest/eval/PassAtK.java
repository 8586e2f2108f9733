package dev.tempest.eval;

/**
 * The unbiased pass@k of Chen et al. 2021 (Codex): from n samples of a task of which c are
 * correct, the chance that at least one of k drawn without replacement is, 1 - C(n-c, k) / C(n, k),
 * computed as 1 - prod_{i=n-c+1..n} (1 - k/i) so that no binomial overflows.
 */
public final class PassAtK {

    private PassAtK() {
    }

    public static double estimate(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("pass@" + k + " needs 1 <= k <= n and 0 <= c <= n; got n=" + n + ", c=" + c);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }
}
