package dev.tempest.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import dev.tempest.api.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifierRunnerTest {

    private static final Task TASK = new Task("t1", "2+2?", "test", Map.of("answer", "4"));

    /** A verifier made of a lambda, for tests. */
    private static Verifier verifier(String id, Behaviour behaviour) {
        return new Verifier() {
            public String id() {
                return id;
            }

            public Verdict verify(Task task, String completion) throws Exception {
                return behaviour.verify(completion);
            }
        };
    }

    @FunctionalInterface
    private interface Behaviour {
        Verdict verify(String completion) throws Exception;
    }

    private final Verifier exact = verifier("exact", completion ->
            completion.equals("4") ? Verdict.correct("4") : Verdict.incorrect(0, "expected 4"));

    @Test
    void aVerifierThatSleepsForeverCostsOneDeadlineAndTheBatchCompletes() {
        Verifier sleeper = verifier("sleeper", completion -> {
            Thread.sleep(Long.MAX_VALUE);
            return null;
        });
        try (VerifierRunner runner = new VerifierRunner(2, Duration.ofMillis(300))) {
            BatchReport report = runner.verifyAll(List.of(new Check(exact, TASK, "4"), new Check(sleeper, TASK, "4"),
                    new Check(exact, TASK, "5")));

            assertEquals(List.of(VerdictStatus.CORRECT, VerdictStatus.TIMEOUT, VerdictStatus.INCORRECT), statuses(report));
            assertEquals("no verdict within 300 ms", report.results().get(1).verdict().reason());
            long waitUntil = System.nanoTime() + 2_000_000_000L;
            while (runner.overdueCalls() > 0 && System.nanoTime() < waitUntil) {
                Thread.onSpinWait();
            }
            assertEquals(0, runner.overdueCalls(), "an interruptible sleeper stops at its interrupt");
        }
    }

    @Test
    void aVerifierThatIgnoresItsInterruptLosesItsSlotNotTheRunner() {
        AtomicBoolean released = new AtomicBoolean();
        Verifier spinner = verifier("spinner", completion -> {
            while (!released.get()) {
                Thread.onSpinWait(); // ignores interrupts: the worst a plugin can do
            }
            return null;
        });
        try (VerifierRunner runner = new VerifierRunner(1, Duration.ofMillis(200))) {
            BatchReport report = runner.verifyAll(List.of(new Check(spinner, TASK, "4"), new Check(spinner, TASK, "4"),
                    new Check(exact, TASK, "4")));

            assertEquals(List.of(VerdictStatus.TIMEOUT, VerdictStatus.TIMEOUT, VerdictStatus.CORRECT), statuses(report));
            assertEquals(2, runner.overdueCalls());
        } finally {
            released.set(true); // let the spinning threads end, so they do not slow the tests after this one
        }
    }

    @Test
    void aVerifierThatThrowsOrReturnsNothingOrGarbageGivesAnError() {
        Verifier thrower = verifier("thrower", completion -> {
            throw new IllegalStateException("sandbox missing");
        });
        Verifier silent = verifier("silent", completion -> null);
        Verifier garbage = verifier("garbage", completion -> new Verdict(7, VerdictStatus.CORRECT, "score out of range"));
        try (VerifierRunner runner = new VerifierRunner(2, Duration.ofSeconds(5))) {
            BatchReport report = runner.verifyAll(List.of(new Check(thrower, TASK, "4"), new Check(silent, TASK, "4"),
                    new Check(garbage, TASK, "4")));

            assertEquals(List.of(VerdictStatus.ERROR, VerdictStatus.ERROR, VerdictStatus.ERROR), statuses(report));
            assertEquals("java.lang.IllegalStateException: sandbox missing", report.results().get(0).verdict().reason());
            assertEquals("returned no verdict", report.results().get(1).verdict().reason());
            assertTrue(report.results().get(2).verdict().reason().contains("score must be in [0, 1]"),
                    report.results().get(2).verdict().reason());
        }
    }

    @Test
    void neverRunsMoreCallsAtOnceThanItsParallelismAndCountsEveryStatus() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Verifier slow = verifier("slow", completion -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
            return completion.equals("4") ? Verdict.correct("4") : Verdict.noAnswer("nothing");
        });
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            checks.add(new Check(slow, TASK, i % 3 == 0 ? "" : "4"));
        }
        try (VerifierRunner runner = new VerifierRunner(3, Duration.ofSeconds(5))) {
            BatchReport report = runner.verifyAll(checks);

            assertTrue(mostAtOnce.get() <= 3, "at most 3 at once, saw " + mostAtOnce.get());
            assertEquals(8, report.counts().get(VerdictStatus.CORRECT));
            assertEquals(4, report.counts().get(VerdictStatus.NO_ANSWER));
            assertEquals(0, report.counts().get(VerdictStatus.TIMEOUT));
            assertEquals(8 / 12.0, report.meanScore(), 1e-12);
            assertTrue(report.maxTime().compareTo(Duration.ofMillis(30)) >= 0);
        }
    }

    private static List<VerdictStatus> statuses(BatchReport report) {
        return report.results().stream().map(result -> result.verdict().status()).toList();
    }
}
