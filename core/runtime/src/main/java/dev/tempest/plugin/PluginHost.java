package dev.tempest.plugin;

import dev.tempest.api.TempestExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins of one plugins folder, loaded and started, and the extensions they and the
 * Tempest jars themselves provide. A folder holds PF4J plugin jars; {@code enabled.txt} and
 * {@code disabled.txt} in it choose among them by plugin id, as PF4J defines.
 */
public final class PluginHost implements AutoCloseable {

    private final TempestPluginManager manager;

    private PluginHost(TempestPluginManager manager) {
        this.manager = manager;
        manager.host(this);
    }

    /**
     * Loads and starts every plugin in {@code pluginsDir}; a jar that fails is listed in
     * {@link #problems()}. An extension with a public constructor taking a PluginHost is made with
     * this one, to find the extensions it builds on.
     */
    public static PluginHost open(Path pluginsDir) {
        PluginHost host = new PluginHost(new TempestPluginManager(pluginsDir));
        host.manager.loadPlugins();
        host.manager.startPlugins();
        return host;
    }

    /** The jars that did not load, one line each. */
    public List<PluginProblem> problems() {
        return List.copyOf(manager.problems());
    }

    /** Every loaded plugin (started, disabled or failed) with its extensions, by id. */
    public List<PluginSummary> plugins() {
        List<PluginSummary> summaries = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            summaries.add(new PluginSummary(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginState().toString(), plugin.getPluginPath(), extensionsOf(plugin)));
        }
        summaries.sort((a, b) -> a.id().compareTo(b.id()));
        return summaries;
    }

    /** The extensions built into Tempest's own jars, such as the cpu backend. */
    public List<ExtensionSummary> builtIn() {
        List<ExtensionSummary> summaries = new ArrayList<>();
        for (Class<? extends TempestExtension> kind : ExtensionKinds.ALL) {
            for (TempestExtension extension : manager.getExtensions(kind, null)) {
                summaries.add(new ExtensionSummary(kind.getSimpleName(), extension.id(),
                        extension.getClass().getName(), ""));
            }
        }
        return summaries;
    }

    /** Every extension of {@code kind}: those of started plugins, then those built into Tempest. */
    public <T extends TempestExtension> List<T> extensions(Class<T> kind) {
        return manager.getExtensions(kind);
    }

    /** The extension of {@code kind} whose {@link TempestExtension#id()} is {@code id}. */
    public <T extends TempestExtension> T extension(Class<T> kind, String id) throws PluginException {
        List<T> all = extensions(kind);
        for (T extension : all) {
            if (extension.id().equals(id)) {
                return extension;
            }
        }
        String known = all.isEmpty() ? "none is installed"
                : "installed: " + all.stream().map(TempestExtension::id).sorted().collect(Collectors.joining(", "));
        throw new PluginException("no " + kind.getSimpleName() + " '" + id + "' (" + known
                + "); add the plugin that provides it to " + manager.getPluginsRoots().get(0));
    }

    private List<ExtensionSummary> extensionsOf(PluginWrapper plugin) {
        List<ExtensionSummary> summaries = new ArrayList<>();
        boolean started = plugin.getPluginState() == PluginState.STARTED;
        for (String className : manager.getExtensionClassNames(plugin.getPluginId())) {
            summaries.add(started ? load(plugin, className) : new ExtensionSummary("", "", className, "not started"));
        }
        return summaries;
    }

    private ExtensionSummary load(PluginWrapper plugin, String className) {
        try {
            Class<?> type = plugin.getPluginClassLoader().loadClass(className);
            Object extension = manager.getExtensionFactory().create(type);
            String id = extension instanceof TempestExtension named ? named.id() : "";
            return new ExtensionSummary(ExtensionKinds.of(type), id, className, "");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) { // PF4J wraps failures in PluginRuntimeException
            return new ExtensionSummary("", "", className, "cannot load: " + e);
        }
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
