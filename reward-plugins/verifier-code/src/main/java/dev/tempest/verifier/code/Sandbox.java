package dev.tempest.verifier.code;

import dev.tempest.api.SystemCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a {@link Program} under {@link Limits}, inside a bubblewrap sandbox:
 * <pre>
 *   setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all  (only as root)
 *   bwrap --unshare-all --unshare-user --disable-userns --die-with-parent --new-session --as-pid-1
 *         --ro-bind /usr /usr  --symlink usr/bin /bin  (and /lib, /lib64, /sbin likewise)
 *         --ro-bind-try /etc/java-17-openjdk /etc/java-17-openjdk
 *         --proc /proc  --dev /dev  --size 64M --tmpfs /tmp  --ro-bind RUN_DIR /code
 *         --remount-ro /dev  --remount-ro /
 *         --clearenv --setenv PATH /usr/bin:/bin --setenv HOME /tmp --chdir /tmp
 *   /bin/sh -c '"$@"; exit $?' sh
 *   prlimit --cpu=10:11 --as=1G (node: 1.5G) --nproc=32 --fsize=16M --nofile=256 --core=0 --
 *   env MALLOC_ARENA_MAX=2  INTERPRETER /code/FILE
 * </pre>
 * So the program sees the system read-only, a private 64 MiB /tmp as the only writable place,
 * no network (a network namespace with nothing but its own loopback), no other process, and
 * nothing of /root, /home or the repository.
 *
 * <p>Why sh: it is the pid namespace's init. When init exits, the kernel kills every process
 * left in the namespace, daemons included, and reaps them before init is gone; only then does
 * bwrap exit. (bwrap's own init would let bwrap exit first.) Killing bwrap kills init
 * (--die-with-parent), and so everything inside.
 *
 * <p>Why setpriv: as root, RLIMIT_NPROC is never enforced, and a sandbox uid maps back to root.
 * Run as nobody, bwrap's user namespace maps its uid to nobody, and the kernel counts
 * RLIMIT_NPROC per user namespace, so 32 processes means 32 in this sandbox, not on the machine.
 * The run directory is made world-readable for the same reason.
 *
 * <p>Not bounded: the memory of all of a sandbox's processes together, up to 32 times the
 * address-space limit; that needs a memory cgroup, which bwrap does not set up.
 *
 * <p>{@link #run} with {@code sandboxed = false} runs the same program with the same rlimits but
 * none of the isolation, and without the process limit (outside a user namespace it would count
 * every process of the user): only for code one trusts.
 */
final class Sandbox {

    static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");
    private static final String CHECK_NAME = "bubblewrap";
    private static final String NAMESPACES_FIX = "bubblewrap needs unprivileged user namespaces, which a chroot never"
            + " has: sysctl kernel.unprivileged_userns_clone=1 (Debian), kernel.apparmor_restrict_unprivileged_userns=0"
            + " (Ubuntu 24.04)";
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final String NOBODY = "65534";
    private static final String CODE_DIR = "/code";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    // glibc gives each thread that allocates its own arena, 64 MiB of address space, up to 8 per
    // core: a runtime's threads (V8's, the JVM's) would spend the address-space limit on
    // reservations, more on bigger machines. Two arenas make the limit mean the same everywhere.
    private static final List<String> RUNTIME_ENVIRONMENT = List.of("/usr/bin/env", "MALLOC_ARENA_MAX=2");

    private final Path bwrap;
    private final Limits limits;
    private Optional<String> unavailable;  // null until probed

    Sandbox(Path bwrap, Limits limits) {
        this.bwrap = bwrap;
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    /** bubblewrap for tempest doctor: installed, and able to run a program in its sandbox here. */
    SystemCheck check() {
        SystemCheck installed = SystemProgram.check(CHECK_NAME, bwrap, "apt-get install bubblewrap");
        if (!installed.ok()) {
            return installed;
        }
        try {
            return unavailable()
                    .map(why -> SystemCheck.failed(CHECK_NAME, why, NAMESPACES_FIX))
                    .orElseGet(() -> SystemCheck.passed(CHECK_NAME, installed.detail() + ", runs programs in its sandbox here"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SystemCheck.failed(CHECK_NAME, "interrupted while probing " + bwrap, "run the check again");
        }
    }

    /** Why the sandbox cannot run programs, or empty when it can; runs {@code /bin/true} in it once. */
    synchronized Optional<String> unavailable() throws InterruptedException {
        if (unavailable == null) {
            unavailable = probe();
        }
        return unavailable;
    }

    private Optional<String> probe() throws InterruptedException {
        RunResult result;
        try {
            result = run(new Program("probe", "", List.of("/bin/true"), 0), PROBE_TIMEOUT, true);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
        if (result.ending() == RunResult.Ending.EXITED && result.exitCode() == 0) {
            return Optional.empty();
        }
        return Optional.of(bwrap + " could not run /bin/true in the sandbox (exit " + result.exitCode() + "): "
                + result.output().strip());
    }

    /** Writes the program to a fresh run directory, runs it, and deletes the directory. */
    RunResult run(Program program, Duration timeout, boolean sandboxed) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("tempest-code-");
        try {
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path file = runDir.resolve(program.fileName());
            Files.writeString(file, program.source(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> command = new ArrayList<>();
            if (sandboxed) {
                command.addAll(bubblewrap(runDir));
            }
            command.addAll(prlimit(sandboxed, limits.memoryBytes() + program.reservedAddressSpace()));
            command.addAll(RUNTIME_ENVIRONMENT);
            command.addAll(program.interpreter());
            command.add(sandboxed ? CODE_DIR + "/" + program.fileName() : file.toString());
            return BoundedProcess.run(command, runDir, timeout, limits.outputBytes());
        } finally {
            deleteRecursively(runDir);
        }
    }

    private List<String> bubblewrap(Path runDir) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"));
        }
        command.addAll(List.of(bwrap.toString(),
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1",
                "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/lib", "/lib64", "/sbin")) {
            command.addAll(systemDirectory(Path.of(top)));
        }
        command.addAll(List.of(
                "--ro-bind-try", "/etc/java-17-openjdk", "/etc/java-17-openjdk",  // the JDK's conf links there
                "--proc", "/proc",
                "--dev", "/dev",
                "--size", Long.toString(limits.tmpBytes()), "--tmpfs", "/tmp",
                "--ro-bind", runDir.toString(), CODE_DIR,
                // Last, once everything is mounted: / and /dev are tmpfs too, and writes there
                // would be memory that no limit bounds.
                "--remount-ro", "/dev",
                "--remount-ro", "/",
                "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
                "--chdir", "/tmp",
                "/bin/sh", "-c", "\"$@\"; exit $?", "sh"));  // init: runs the program, not exec'ing it (see above)
        return command;
    }

    /** /bin and the like: a symlink into /usr on merged-/usr systems such as Debian 12, else a directory. */
    private static List<String> systemDirectory(Path top) throws IOException {
        if (Files.isSymbolicLink(top)) {
            return List.of("--symlink", Files.readSymbolicLink(top).toString(), top.toString());
        }
        return Files.isDirectory(top) ? List.of("--ro-bind", top.toString(), top.toString()) : List.of();
    }

    private List<String> prlimit(boolean sandboxed, long addressSpace) {
        List<String> command = new ArrayList<>(List.of(PRLIMIT.toString(),
                "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1),
                "--as=" + addressSpace,
                "--fsize=" + limits.fileSizeBytes(),
                "--nofile=" + limits.openFiles(),
                "--core=0"));  // a crash must not hand a core to the host's core_pattern helper
        if (sandboxed) {
            command.add("--nproc=" + limits.processes());
        }
        command.add("--");
        return command;
    }

    private static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
