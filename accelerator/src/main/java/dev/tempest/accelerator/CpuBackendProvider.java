package dev.tempest.accelerator;

import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.api.DeviceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.Extension;

/** The CPU backend: always present, one device that is this machine's processors. */
@Extension
public final class CpuBackendProvider implements BackendFactory {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public String description() {
        return "the processors of this machine";
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(new DeviceInfo("cpu", processorName(), "CPU",
                Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Backend open(String spec, int threads) {
        if (!spec.equals(id())) {
            throw new DeviceException("no device " + spec + ": the cpu backend has one device, named cpu");
        }
        return new CpuBackend(threads);
    }

    /** The model name Linux reports, else the architecture the JVM reports. */
    static String processorName() {
        String arch = System.getProperty("os.arch");
        if (!Files.isReadable(CPU_INFO)) {
            return arch;
        }
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(arch);
        } catch (IOException | java.io.UncheckedIOException e) {
            return arch;
        }
    }
}
