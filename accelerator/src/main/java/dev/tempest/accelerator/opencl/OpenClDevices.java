package dev.tempest.accelerator.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DeviceInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL platforms and devices of this machine, found through the OpenCL ICD loader.
 * Device {@code opencl:P:D} is device D of platform P, in the order the loader lists them.
 */
final class OpenClDevices {

    /** One device, with what {@code tempest devices} shows of it. */
    record Found(cl_platform_id platform, cl_device_id device, DeviceInfo info) {
    }

    private OpenClDevices() {
    }

    /**
     * Every device of every platform.
     *
     * @throws DeviceException when there is no OpenCL loader or no platform, saying which
     */
    static List<Found> find() {
        OpenClLoader.problem().ifPresent(problem -> {
            throw new DeviceException("libOpenCL.so cannot be loaded (" + problem + "); install the loader and a"
                    + " driver: apt-get install ocl-icd-libopencl1 ocl-icd-opencl-dev, and pocl-opencl-icd or your GPU's;"
                    + " tempest doctor checks them");
        });
        List<Found> found = new ArrayList<>();
        try {
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            for (int p = 0; p < platforms.length; p++) {
                String platformName = platformName(platforms[p]);
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, count);
                cl_device_id[] devices = new cl_device_id[count[0]];
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, devices.length, devices, null);
                for (int d = 0; d < devices.length; d++) {
                    found.add(new Found(platforms[p], devices[d], describe("opencl:" + p + ":" + d, platformName, devices[d])));
                }
            }
        } catch (CLException e) {
            throw new DeviceException("no OpenCL platform is installed (" + e.getMessage()
                    + "); install a driver, for example pocl-opencl-icd for this machine's CPU", e);
        }
        if (found.isEmpty()) {
            throw new DeviceException("the OpenCL platforms here have no devices");
        }
        return found;
    }

    private static DeviceInfo describe(String spec, String platformName, cl_device_id device) {
        long type = longInfo(device, CL_DEVICE_TYPE);
        String kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU"
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "ACCELERATOR" : "CPU";
        return new DeviceInfo(spec, stringInfo(device, CL_DEVICE_NAME) + " (" + platformName + ")", kind,
                longInfo(device, CL_DEVICE_GLOBAL_MEM_SIZE), intInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS));
    }

    static String stringInfo(cl_device_id device, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    /** A cl_ulong, or a size_t on a 64-bit host. */
    static long longInfo(cl_device_id device, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(device, param, Sizeof.cl_long, Pointer.to(value), null);
        return value[0];
    }

    static int intInfo(cl_device_id device, int param) {
        int[] value = new int[1];
        clGetDeviceInfo(device, param, Sizeof.cl_int, Pointer.to(value), null);
        return value[0];
    }

    private static String platformName(cl_platform_id platform) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    /** A NUL-terminated OpenCL string. */
    private static String text(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }
}
