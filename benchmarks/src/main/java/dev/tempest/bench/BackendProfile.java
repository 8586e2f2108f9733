package dev.tempest.bench;

import dev.tempest.accelerator.Backend;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Wall time per {@link Backend} method, summed over the timed steps: where a training step's time
 * goes, op by op (each call waits for its device to finish, so the time is the call's own). Every call goes through a reflective proxy, so the profiled run is a little slower
 * than a plain one and is only used for the breakdown.
 */
final class BackendProfile {

    private final Map<String, long[]> nanosAndCalls = new HashMap<>();
    private boolean recording;
    private int steps;

    Backend wrap(Backend backend) {
        InvocationHandler handler = (proxy, method, args) -> {
            long start = System.nanoTime();
            try {
                Object result = method.invoke(backend, args);
                backend.synchronize();  // a device call counts until its kernels finish
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (recording) {
                    long[] entry = nanosAndCalls.computeIfAbsent(method.getName(), k -> new long[2]);
                    entry[0] += System.nanoTime() - start;
                    entry[1]++;
                }
            }
        };
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, handler);
    }

    /** Counts from here on, over {@code steps} steps. */
    void start(int steps) {
        this.steps = steps;
        nanosAndCalls.clear();
        recording = true;
    }

    void print(String title) {
        recording = false;
        double total = nanosAndCalls.values().stream().mapToLong(e -> e[0]).sum() / 1e6 / steps;
        System.out.printf("%s: %.1f ms in backend calls%n", title, total);
        nanosAndCalls.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .forEach(e -> System.out.printf("  %-28s %9.2f ms %6.1f%% %6d calls/step%n", e.getKey(),
                        e.getValue()[0] / 1e6 / steps, 100 * e.getValue()[0] / 1e6 / steps / total,
                        e.getValue()[1] / steps));
    }
}
