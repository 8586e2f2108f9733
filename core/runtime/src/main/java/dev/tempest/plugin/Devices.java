package dev.tempest.plugin;

import dev.tempest.accelerator.BackendFactory;
import dev.tempest.api.BackendProvider;

/**
 * Finds the backend a device spec names: {@code cpu}, {@code opencl:0:1}, {@code tornadovm}.
 * The part before the first colon is a backend id; cpu and opencl are built in, others come
 * from plugins.
 */
public final class Devices {

    private Devices() {
    }

    /** The factory that opens {@code spec}'s device; a backend nobody installed is reported as such. */
    public static BackendFactory factory(PluginHost plugins, String spec) throws PluginException {
        String id = backendId(spec);
        BackendProvider provider = plugins.extension(BackendProvider.class, id);
        if (provider instanceof BackendFactory factory) {
            return factory;
        }
        throw new PluginException("backend '" + id + "' lists devices but cannot open one (it does not implement "
                + BackendFactory.class.getName() + ")");
    }

    /** The backend id a device spec starts with. */
    public static String backendId(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }
}
