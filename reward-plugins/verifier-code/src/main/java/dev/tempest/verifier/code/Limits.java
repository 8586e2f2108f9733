package dev.tempest.verifier.code;

import java.time.Duration;

/**
 * What one run of a test program may use. The rlimits are set with {@code prlimit} on the
 * program itself; the output cap and the wall-clock timeouts are enforced by the verifier, which
 * kills the process tree.
 *
 * @param testTimeout wall-clock time of one test program
 * @param totalTimeout wall-clock time of all the tests of one completion; tests left when it is
 *     used up fail without running
 * @param cpuSeconds RLIMIT_CPU: SIGXCPU at this many seconds, SIGKILL one second later
 * @param memoryBytes RLIMIT_AS, address space, per process; the JVM is started with flags that
 *     fit it in 1 GiB (a 256 MiB heap); node gets V8's code range on top and a 256 MiB heap
 *     (see {@link Language})
 * @param processes RLIMIT_NPROC, processes and threads, counted per sandbox (see {@link Sandbox});
 *     a JVM alone needs 16 threads to start, node 12
 * @param fileSizeBytes RLIMIT_FSIZE, the largest file the program may write
 * @param openFiles RLIMIT_NOFILE
 * @param outputBytes stdout and stderr together; the program is killed when it writes more
 * @param tmpBytes size of the sandbox's private /tmp, the only place it can write
 */
record Limits(Duration testTimeout, Duration totalTimeout, int cpuSeconds, long memoryBytes,
              int processes, long fileSizeBytes, int openFiles, int outputBytes, long tmpBytes) {

    private static final long MIB = 1024 * 1024;

    static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(60), 10,
            1024 * MIB, 32, 16 * MIB, 256, 64 * 1024, 64 * MIB);

    Limits withTimeouts(Duration test, Duration total) {
        return new Limits(test, total, cpuSeconds, memoryBytes, processes, fileSizeBytes, openFiles,
                outputBytes, tmpBytes);
    }
}
