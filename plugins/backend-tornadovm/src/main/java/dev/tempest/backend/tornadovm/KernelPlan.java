package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.backend.tornadovm.kernels.GemmKernels;
import dev.tempest.backend.tornadovm.kernels.TransferKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One TornadoVM execution plan holding a task graph per {@link Kernel}, all over one device
 * heap. The origin graph runs first and creates the heap on the device; every kernel graph then
 * takes it from the graph that ran before (consumeFromDevice) and leaves it there
 * (persistOnDevice), so the heap never travels between host and device. What does travel, on
 * every launch: the arguments (offsets, sizes, scalars), the ids of the kernels that take host
 * ids, and the staging floats of an upload. Reads copy only their range back (a DataRange).
 * Grids are sized per launch from the same WorkerGrid objects the scheduler holds.
 */
final class KernelPlan implements AutoCloseable {

    private static final AtomicInteger PLANS = new AtomicInteger();
    private static final int GROUP = 64;  // work-items per group, 1D
    private static final int TILE = GemmKernels.TILE;  // work-items per group side, 2D

    private final String device;
    private final FloatArray heap;                 // (capacity) the device's; on the host only a landing zone for reads
    private final IntArray args = new IntArray(16);
    private final FloatArray floats = new FloatArray(8);
    private final IntArray ids;                    // (idCapacity) token ids or targets from the host
    private final FloatArray staging;              // (stagingCapacity) floats on their way to the heap
    private final Map<Kernel, WorkerGrid> grids = new EnumMap<>(Kernel.class);
    private final TornadoExecutionPlan plan;

    KernelPlan(String device, TornadoDevice target, int capacity, int idCapacity, int stagingCapacity) {
        this.device = device;
        this.heap = new FloatArray(capacity);
        this.ids = new IntArray(idCapacity);
        this.staging = new FloatArray(stagingCapacity);
        int id = PLANS.incrementAndGet();
        GridScheduler scheduler = new GridScheduler();
        List<ImmutableTaskGraph> graphs = new ArrayList<>();
        String origin = "tempest" + id + "_origin";
        graphs.add(new TaskGraph(origin)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, args, floats)
                .task("t", TransferKernels::origin, new KernelContext(), heap, args, floats)
                .persistOnDevice(heap)
                .snapshot());
        scheduler.addWorkerGrid(origin + ".t", new WorkerGrid1D(1));
        for (Kernel kernel : Kernel.values()) {
            graphs.add(graph(kernel, kernel.graphName(id)));
            WorkerGrid grid = kernel == Kernel.MATMUL ? new WorkerGrid2D(TILE, TILE) : new WorkerGrid1D(GROUP);
            grids.put(kernel, grid);
            scheduler.addWorkerGrid(kernel.graphName(id) + ".t", grid);
        }
        this.plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new));
        plan.withDevice(target).withGridScheduler(scheduler);
        try {
            plan.withGraph(0).execute();
        } catch (RuntimeException e) {
            throw new DeviceException(device + ": cannot place a heap of " + capacity + " floats on the device: "
                    + e.getMessage(), e);
        }
    }

    private ImmutableTaskGraph graph(Kernel kernel, String name) {
        TaskGraph graph = new TaskGraph(name).consumeFromDevice(heap);
        KernelContext context = new KernelContext();
        if (kernel.taskWithIds != null) {
            graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, args, floats, ids)
                    .task("t", kernel.taskWithIds, context, heap, args, floats, ids);
        } else {
            FloatArray scalars = kernel == Kernel.UPLOAD ? staging : floats;
            graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, args, scalars)
                    .task("t", kernel.task, context, heap, args, scalars);
        }
        return graph.persistOnDevice(heap).snapshot();
    }

    int idCapacity() {
        return ids.getSize();
    }

    /** Launches {@code kernel} over x (by y, for a 2D kernel) work-items with these arguments. */
    void launch(Kernel kernel, int x, int y, float[] scalars, int... values) {
        run(kernel, x, y, scalars, values);
    }

    void launch(Kernel kernel, int items, int... values) {
        run(kernel, items, 1, null, values);
    }

    /** Launches a kernel that reads host ids, with ids[0, count) = source[from, from + count). */
    synchronized void launchWithIds(Kernel kernel, int[] source, int from, int count, int items, float[] scalars,
                                    int... values) {
        MemorySegment.copy(source, from, ids.getSegment(), ValueLayout.JAVA_INT, 0, count);
        run(kernel, items, 1, scalars, values);
    }

    /** heap[offset, offset + n) = src[srcOff, srcOff + n), through the staging array. */
    synchronized void upload(int offset, float[] src, int srcOff, int n) {
        for (int done = 0; done < n; done += staging.getSize()) {
            int count = Math.min(staging.getSize(), n - done);
            MemorySegment.copy(src, srcOff + done, staging.getSegment(), ValueLayout.JAVA_FLOAT, 0, count);
            run(Kernel.UPLOAD, count, 1, null, count, offset + done);
        }
    }

    /** dst[dstOff, dstOff + n) = heap[offset, offset + n): only that range comes back. */
    synchronized void download(int offset, float[] dst, int dstOff, int n) {
        if (n == 0) {
            return;
        }
        TornadoExecutionResult result = run(Kernel.FILL, 1, 1, new float[] {0f}, 0, 0); // writes nothing: a result to copy from
        try {
            result.transferToHost(new DataRange(heap).withOffset(offset).withSize(n));
        } catch (RuntimeException e) {
            throw new DeviceException(device + ": reading " + n + " floats failed: " + e.getMessage(), e);
        }
        MemorySegment.copy(heap.getSegment(), ValueLayout.JAVA_FLOAT, (long) offset * Float.BYTES, dst, dstOff, n);
    }

    private synchronized TornadoExecutionResult run(Kernel kernel, int x, int y, float[] scalars, int... values) {
        for (int i = 0; i < values.length; i++) {
            args.set(i, values[i]);
        }
        for (int i = 0; scalars != null && i < scalars.length; i++) {
            floats.set(i, scalars[i]);
        }
        WorkerGrid grid = grids.get(kernel);
        if (kernel == Kernel.MATMUL) {
            grid.setGlobalWork(roundUp(x, TILE), roundUp(y, TILE), 1);
            grid.setLocalWork(TILE, TILE, 1);
        } else {
            grid.setGlobalWork(roundUp(x, GROUP), 1, 1);
            grid.setLocalWork(GROUP, 1, 1);
        }
        try {
            return plan.withGraph(kernel.ordinal() + 1).execute();
        } catch (RuntimeException e) {
            throw new DeviceException(device + ": kernel " + kernel + " failed: " + e.getMessage(), e);
        }
    }

    private static long roundUp(int n, int multiple) {
        return (Math.max(n, 1) + multiple - 1L) / multiple * multiple;
    }

    /**
     * Frees the heap, the plan's queues and its compiled code, through the origin graph only:
     * every graph holds the one heap buffer, and TornadoVM frees it once per graph it closes,
     * failing on the second. The kernel graphs' own argument, ids and staging buffers (about
     * 2 MiB) stay allocated until the JVM exits.
     */
    @Override
    public synchronized void close() {
        try {
            plan.withGraph(0);
            plan.close();
        } catch (TornadoExecutionPlanException | RuntimeException e) {
            throw new DeviceException(device + ": releasing device memory failed: " + e.getMessage(), e);
        }
    }
}
