package dev.tempest.accelerator.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.SystemCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenClSystemChecksTest {

    @Test
    void checksNameTheLoadedLibraryAndEveryDevice() {
        List<String> devices = OpenClPlatform.devices();

        List<SystemCheck> checks = new OpenClBackendProvider().systemChecks();

        assertEquals(List.of("opencl loader", "opencl devices"), checks.stream().map(SystemCheck::name).toList());
        assertTrue(checks.get(0).detail().contains("libOpenCL.so"), checks.get(0).detail());
        devices.forEach(spec -> assertTrue(checks.get(1).detail().contains(spec + " "), checks.get(1).detail()));
    }
}
