package dev.tempest.accelerator.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetProgramBuildInfo;

import dev.tempest.accelerator.DeviceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * One OpenCL device with its context and the kernels built for it. Building takes seconds on
 * some drivers, so each device is built once per process and shared by every backend opened
 * on it; backends bring their own command queues.
 */
final class ClDevice {

    /** The kernel sources, concatenated into one program in this order. */
    private static final List<String> SOURCES = List.of("elementwise.cl", "activations.cl", "embedding.cl",
            "norms.cl", "rope.cl", "token_log_probs.cl", "sampling.cl", "attention.cl", "gemm.cl", "gemm_strips.cl");

    /** Work-items each GEMM work-item computes per side (a WPT x WPT patch). */
    static final int GEMM_WPT = 4;
    /** Rows of C each work-item of the CPU devices' GEMM computes, 16 columns wide. */
    static final int STRIP_ROWS = 8;

    private static final Map<String, ClDevice> BUILT = new ConcurrentHashMap<>();

    final String spec;
    final String name;
    final cl_device_id id;
    final cl_context context;
    final cl_program program;
    /** GPUs get the GEMM tiled in local memory, CPU devices the one in vector strips (gemm_strips.cl). */
    final boolean gpu;
    /** The GEMM work-group's side: LOCAL x LOCAL work-items, each computing GEMM_WPT x GEMM_WPT of C. */
    final int gemmLocal;
    /** The work-group size of reductions: a power of two within the device's limit. */
    final int reductionLocal;

    private ClDevice(OpenClDevices.Found found) {
        this.spec = found.info().spec();
        this.name = found.info().name();
        this.id = found.device();
        this.gpu = found.info().type().equals("GPU");
        long maxWorkGroup = OpenClDevices.longInfo(id, CL_DEVICE_MAX_WORK_GROUP_SIZE);
        this.gemmLocal = maxWorkGroup >= 256 ? 16 : maxWorkGroup >= 64 ? 8 : 4;
        this.reductionLocal = (int) Long.highestOneBit(Math.min(256, maxWorkGroup));
        long localMemory = OpenClDevices.longInfo(id, CL_DEVICE_LOCAL_MEM_SIZE);
        long gemmLocalBytes = 2L * 16 * gemmLocal * GEMM_WPT * Float.BYTES;
        if (localMemory < gemmLocalBytes) {
            throw new DeviceException("OpenCL device " + name + " (" + spec + ") has " + localMemory
                    + " bytes of local memory; the GEMM needs " + gemmLocalBytes);
        }
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, found.platform());
        try {
            this.context = clCreateContext(properties, 1, new cl_device_id[] {id}, null, null, null);
            this.program = build();
        } catch (CLException e) {
            throw new DeviceException("OpenCL device " + name + " (" + spec + ") cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The device, built on first use. */
    static ClDevice of(OpenClDevices.Found found) {
        return BUILT.computeIfAbsent(found.info().spec(), spec -> new ClDevice(found));
    }

    private cl_program build() {
        cl_program built = clCreateProgramWithSource(context, 1, new String[] {source()}, null, null);
        String options = "-D LOCAL=" + gemmLocal + " -D WPT=" + GEMM_WPT + " -D ROWS=" + STRIP_ROWS;
        if ((OpenClDevices.longInfo(id, CL_DEVICE_SINGLE_FP_CONFIG) & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0) {
            options += " -cl-fp32-correctly-rounded-divide-sqrt";  // division and sqrt as Java rounds them
        }
        try {
            clBuildProgram(built, 1, new cl_device_id[] {id}, options, null, null);
        } catch (CLException e) {
            throw new DeviceException("OpenCL device " + name + " (" + spec + ") cannot build Tempest's kernels ("
                    + e.getMessage() + "); its build log:\n" + buildLog(built), e);
        }
        return built;
    }

    private String buildLog(cl_program built) {
        long[] size = new long[1];
        clGetProgramBuildInfo(built, id, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        clGetProgramBuildInfo(built, id, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    private static String source() {
        StringBuilder source = new StringBuilder();
        for (String file : SOURCES) {
            try (InputStream in = ClDevice.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("kernel source " + file + " is missing from the jar");
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("reading kernel source " + file, e);
            }
        }
        return source.toString();
    }

    @Override
    public String toString() {
        return "OpenCL device " + name + " (" + spec + ")";
    }
}
