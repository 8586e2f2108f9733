package dev.tempest.accelerator.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clReleaseMemObject;

import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * One device allocation. The Backend SPI has no free: an allocation is released when the last
 * buffer over it becomes unreachable (a Cleaner), or when its backend closes, whichever comes
 * first. Device memory is invisible to the JVM's collector, so the allocations of one backend
 * ask for a collection once they hold twice what they held after the previous one.
 */
final class ClMemory {

    private static final Cleaner CLEANER = Cleaner.create();
    /** Below this, allocations never ask for a collection. */
    private static final long COLLECT_FLOOR = 256L << 20;

    final cl_mem mem;

    private ClMemory(cl_mem mem) {
        this.mem = mem;
    }

    /** The allocations of one backend: what is live, and when to collect. */
    static final class Pool {
        private final cl_context context;
        private final Set<Release> live = ConcurrentHashMap.newKeySet();
        private final AtomicLong liveBytes = new AtomicLong();
        private long collectAt = COLLECT_FLOOR;

        Pool(cl_context context) {
            this.context = context;
        }

        ClMemory allocate(long bytes) {
            if (liveBytes.get() + bytes > collectAt) {
                System.gc();  // releases the allocations of buffers no longer reachable, on the Cleaner's thread
                collectAt = Math.max(COLLECT_FLOOR, 2 * liveBytes.get());
            }
            ClMemory memory = new ClMemory(clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null));
            Release release = new Release(memory.mem, bytes, this);
            live.add(release);
            liveBytes.addAndGet(bytes);
            CLEANER.register(memory, release);
            return memory;
        }

        /** Releases every allocation still live; their buffers must not be used again. */
        void releaseAll() {
            for (Release release : live) {
                release.run();
            }
        }
    }

    /** Releases one allocation, once. Holds the cl_mem, never the ClMemory, so the latter can become unreachable. */
    private static final class Release implements Runnable {
        private final cl_mem mem;
        private final long bytes;
        private final Pool pool;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(cl_mem mem, long bytes, Pool pool) {
            this.mem = mem;
            this.bytes = bytes;
            this.pool = pool;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                clReleaseMemObject(mem);  // OpenCL defers the free until queued commands using it finish
                pool.live.remove(this);
                pool.liveBytes.addAndGet(-bytes);
            }
        }
    }
}
