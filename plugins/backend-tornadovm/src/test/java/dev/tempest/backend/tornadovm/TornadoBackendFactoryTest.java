package dev.tempest.backend.tornadovm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DeviceInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factory lists TornadoVM's devices by spec, opens them (again after a close) and refuses specs that name none. */
class TornadoBackendFactoryTest {

    private final TornadoBackendFactory factory = new TornadoBackendFactory();

    @Test
    void listsEveryDeviceAsTornadovmBackendDevice() {
        List<DeviceInfo> devices = factory.devices();
        assertFalse(devices.isEmpty(), () -> "no TornadoVM device: " + factory.unavailableReason());
        assertEquals("", factory.unavailableReason());
        for (DeviceInfo device : devices) {
            assertTrue(device.spec().matches("tornadovm:\\d+:\\d+"), device.spec());
            assertTrue(List.of("CPU", "GPU", "ACCELERATOR").contains(device.type()), device.type());
            assertTrue(device.memoryBytes() > 0, device + " has no memory");
        }
    }

    @Test
    void aClosedDeviceOpensAgain() {
        String spec = factory.devices().getFirst().spec();
        for (int round = 0; round < 2; round++) {
            try (Backend backend = factory.open(spec, 1)) {
                Buffer buffer = backend.allocate(3);
                backend.write(buffer, new float[] {1, 2, 3}, 0);
                float[] back = new float[3];
                backend.read(buffer, back, 0);
                assertArrayEquals(new float[] {1, 2, 3}, back, "round " + round);
                assertEquals(spec, backend.name());
            }
        }
    }

    @Test
    void specsThatNameNoDeviceAreRefusedWithTheDevicesThereAre() {
        DeviceException missing = assertThrows(DeviceException.class, () -> factory.open("tornadovm:0:99", 1));
        assertTrue(missing.getMessage().contains(factory.devices().getFirst().spec()), missing.getMessage());
        DeviceException malformed = assertThrows(DeviceException.class, () -> factory.open("tornadovm:gpu", 1));
        assertTrue(malformed.getMessage().contains("tornadovm:<backend>:<device>"), malformed.getMessage());
    }
}
