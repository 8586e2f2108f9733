package dev.tempest.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    @Test
    void aggregatesTwoTasksOfFourSamplesAsComputedByHand() {
        List<EvalSample> first = List.of(sample("a", Verdict.correct("ok"), 10, false),
                sample("a", Verdict.incorrect(0, "no"), 20, false),
                sample("a", Verdict.incorrect(0.5, "half"), 30, false),
                sample("a", Verdict.correct("ok"), 40, true));
        List<EvalSample> second = List.of(sample("b", new Verdict(0, VerdictStatus.NO_ANSWER, "none"), 50, true),
                sample("b", new Verdict(0, VerdictStatus.TIMEOUT, "slow"), 60, false),
                sample("b", Verdict.incorrect(0, "no"), 70, false),
                sample("b", Verdict.incorrect(0, "no"), 80, false));

        EvalReport report = EvalReport.of(List.of(first, second));

        assertEquals(2, report.tasks());
        assertEquals(4, report.samplesPerTask());
        assertEquals(2.0 / 8, report.accuracy(), 1e-12);
        assertEquals((2.0 / 4 + 0) / 2, report.passAt1(), 1e-12);
        assertEquals((1.0 + 0) / 2, report.passAtK(), 1e-12, "pass@4 of 4 samples: did any succeed");
        assertEquals((1 + 0 + 0.5 + 1) / 8, report.meanScore(), 1e-12);
        assertEquals(7.0 / 8, report.answered(), 1e-12);
        assertEquals(45.0, report.meanTokens(), 1e-12);
        assertEquals(2.0 / 8, report.truncated(), 1e-12);
        assertEquals(2, report.verdicts().get(VerdictStatus.CORRECT));
        assertEquals(4, report.verdicts().get(VerdictStatus.INCORRECT));
        assertEquals(1, report.metrics().get("timeout"));
        assertEquals(0.5, report.metrics().get("pass@4"));
    }

    private static EvalSample sample(String task, Verdict verdict, int tokens, boolean truncated) {
        return new EvalSample(task, "", verdict, tokens, truncated);
    }
}
