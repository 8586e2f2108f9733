package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.DeviceException;
import java.util.Locale;

/**
 * How many floats the device heap holds: -Dtempest.tornadovm.memory (bytes, or with a k, m or
 * g suffix), else 1 GiB; never more than the device allows in one allocation, nor than an int
 * can index.
 */
final class HeapSize {

    static final String PROPERTY = "tempest.tornadovm.memory";
    private static final long DEFAULT_BYTES = 1L << 30;

    private HeapSize() {
    }

    static int floats(long maxAllocationBytes) {
        String value = System.getProperty(PROPERTY);
        long bytes = value == null ? Math.min(DEFAULT_BYTES, maxAllocationBytes) : parse(value);
        if (bytes > maxAllocationBytes) {
            throw new DeviceException("-D" + PROPERTY + "=" + value + " is more than this device allocates at once ("
                    + maxAllocationBytes / (1 << 20) + " MiB)");
        }
        return (int) Math.min(Integer.MAX_VALUE - 64, bytes / Float.BYTES);
    }

    private static long parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        try {
            return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new DeviceException("-D" + PROPERTY + "=" + value + ": expected a size such as 512m or 4g");
        }
    }
}
