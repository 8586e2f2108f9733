package dev.tempest.accelerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tempest.api.DeviceInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuBackendProviderTest {

    @Test
    void reportsOneCpuDeviceWithThisJvmsCoresAndHeap() {
        List<DeviceInfo> devices = new CpuBackendProvider().devices();

        assertEquals(1, devices.size());
        DeviceInfo cpu = devices.get(0);
        assertEquals("cpu", cpu.spec());
        assertEquals("CPU", cpu.type());
        assertEquals(Runtime.getRuntime().availableProcessors(), cpu.computeUnits());
        assertEquals(Runtime.getRuntime().maxMemory(), cpu.memoryBytes());
        assertFalse(cpu.name().isBlank());
    }
}
