package dev.tempest.verify;

import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs verifiers under the framework's deadline: each call gets {@code deadline} of wall-clock
 * time on a worker thread; a call that runs past it is interrupted and becomes a TIMEOUT, one
 * that throws or returns nothing an ERROR. The caller always gets a verdict and goes on.
 *
 * <p>At most {@code parallelism} calls run at once. A call that ignores its interrupt keeps its
 * thread, but not its slot: the slot is freed at the deadline and the thread is a daemon, so a
 * hung verifier costs one deadline and never stalls training or exit.
 */
public final class VerifierRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierRunner.class);
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int OVERDUE = 2;

    private final Duration deadline;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ExecutorService coordinators;
    private final AtomicInteger overdue = new AtomicInteger(); // calls past their deadline, still running

    public VerifierRunner(int parallelism, Duration deadline) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.deadline = deadline;
        this.slots = new Semaphore(parallelism);
        this.workers = Executors.newCachedThreadPool(daemons("tempest-verifier"));
        this.coordinators = Executors.newFixedThreadPool(parallelism, daemons("tempest-verify-batch"));
    }

    /** Verifies one completion; never throws for what the verifier does. */
    public CheckResult verify(Check check) {
        slots.acquireUninterruptibly();
        long start = System.nanoTime();
        AtomicInteger state = new AtomicInteger(RUNNING);
        Future<Verdict> call = workers.submit(() -> {
            try {
                return check.verifier().verify(check.task(), check.completion());
            } finally {
                if (state.getAndSet(FINISHED) == OVERDUE) {
                    overdue.decrementAndGet();
                }
            }
        });
        try {
            Verdict verdict = call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return result(check, verdict == null ? error("returned no verdict") : verdict, start);
        } catch (TimeoutException e) {
            if (state.compareAndSet(RUNNING, OVERDUE)) {
                overdue.incrementAndGet();
            }
            call.cancel(true);
            return new CheckResult(check, new Verdict(0, VerdictStatus.TIMEOUT,
                    "no verdict within " + deadline.toMillis() + " ms"), deadline);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("verifier '{}' failed on task {}: {}", check.verifier().id(), check.task().id(), cause.toString());
            return result(check, error(String.valueOf(cause)), start);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return result(check, error("interrupted while waiting for the verifier"), start);
        } finally {
            slots.release();
        }
    }

    /** Verifies every check, up to the parallelism at once; results in the order given. */
    public BatchReport verifyAll(List<Check> checks) {
        List<CompletableFuture<CheckResult>> pending = new ArrayList<>();
        for (Check check : checks) {
            pending.add(CompletableFuture.supplyAsync(() -> verify(check), coordinators));
        }
        List<CheckResult> results = new ArrayList<>();
        for (CompletableFuture<CheckResult> result : pending) {
            results.add(result.join());
        }
        return new BatchReport(results);
    }

    /** Calls past their deadline that are still running (they ignored their interrupt), on daemon threads. */
    public int overdueCalls() {
        return overdue.get();
    }

    @Override
    public void close() {
        coordinators.shutdownNow();
        workers.shutdownNow();
    }

    private static CheckResult result(Check check, Verdict verdict, long startNanos) {
        return new CheckResult(check, verdict, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static Verdict error(String reason) {
        return new Verdict(0, VerdictStatus.ERROR, reason);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
