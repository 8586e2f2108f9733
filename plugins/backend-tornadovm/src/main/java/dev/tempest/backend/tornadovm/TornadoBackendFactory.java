package dev.tempest.backend.tornadovm;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.BackendFactory;
import dev.tempest.accelerator.DeviceException;
import dev.tempest.api.DeviceInfo;
import java.util.List;
import org.pf4j.Extension;

/**
 * The tornadovm backend: every device TornadoVM finds, when Tempest runs with TornadoVM's JVM
 * flags (TEMPEST_OPTS=@$TORNADOVM_HOME/tornado-argfile) and this jar on the class path (lib/):
 * TornadoVM reads kernel bytecode through the system class loader, so a PF4J plugin folder
 * cannot serve it. Without the flags TornadoVM's classes are absent or uninitialised; this
 * class touches none of them itself, so it loads anyway and reports why there are no devices.
 */
@Extension
public final class TornadoBackendFactory implements BackendFactory {

    private static final String FLAGS = "start Tempest with TornadoVM's JVM flags: "
            + "TEMPEST_OPTS=@$TORNADOVM_HOME/tornado-argfile (see the backend-tornadovm README)";

    /** A kernel class file, as TornadoVM looks it up: ClassLoader.getSystemClassLoader().getResourceAsStream. */
    private static final String KERNELS =
            TornadoBackendFactory.class.getPackageName().replace('.', '/') + "/kernels/TransferKernels.class";

    /** What the runtime found, once: starting TornadoVM takes seconds. */
    private record Probe(List<DeviceInfo> devices, String reason) {
    }

    private Probe probe;

    @Override
    public String id() {
        return TornadoDevices.ID;
    }

    @Override
    public String description() {
        return "TornadoVM devices (OpenCL, PTX, SPIR-V): kernels written in Java, compiled by TornadoVM";
    }

    @Override
    public List<DeviceInfo> devices() {
        return probe().devices();
    }

    @Override
    public String unavailableReason() {
        return probe().reason();
    }

    @Override
    public Backend open(String spec, int threads) {
        Probe found = probe();
        if (found.devices().isEmpty()) {
            throw new DeviceException("cannot open " + spec + ": " + found.reason());
        }
        return new TornadoBackend(spec.equals(id()) ? found.devices().getFirst().spec() : spec);
    }

    private synchronized Probe probe() {
        if (probe == null) {
            probe = find();
        }
        return probe;
    }

    private static Probe find() {
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            return new Probe(List.of(), "TornadoVM is not set up in this JVM: " + FLAGS);
        }
        if (ClassLoader.getSystemClassLoader().getResource(KERNELS) == null) {
            return new Probe(List.of(), "TornadoVM reads kernel bytecode through the system class loader, which does not"
                    + " see plugin folders: put " + jarName() + " in Tempest's lib/ folder, not plugins/");
        }
        try {
            List<DeviceInfo> devices = TornadoDevices.list();
            return new Probe(devices, devices.isEmpty() ? "TornadoVM finds no device (is an OpenCL, CUDA or Level Zero driver installed?)" : "");
        } catch (LinkageError e) {
            return new Probe(List.of(), "TornadoVM's classes are not available (" + e + "): " + FLAGS);
        } catch (RuntimeException e) {
            return new Probe(List.of(), "TornadoVM failed to start: " + e.getMessage());
        }
    }

    /** This plugin's jar file name, for the message that says where to put it. */
    private static String jarName() {
        try {
            String path = TornadoBackendFactory.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
        } catch (RuntimeException e) {
            return "the backend-tornadovm jar";
        }
    }
}
