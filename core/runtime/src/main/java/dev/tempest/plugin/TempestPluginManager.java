package dev.tempest.plugin;

import dev.tempest.core.TempestVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * PF4J's jar plugin manager, loading each jar on its own so that one bad jar costs only itself:
 * every jar that fails becomes a {@link PluginProblem} and the rest load.
 */
final class TempestPluginManager extends JarPluginManager {

    private final List<PluginProblem> problems = new ArrayList<>();
    private final Map<String, String> incompatible = new LinkedHashMap<>(); // plugin id -> reason

    TempestPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(TempestVersion.current());
    }

    List<PluginProblem> problems() {
        return problems;
    }

    @Override
    public void loadPlugins() {
        List<Path> jars = new ArrayList<>(pluginRepository.getPluginPaths());
        jars.sort(Comparator.comparing(jar -> jar.getFileName().toString()));
        for (Path jar : jars) {
            try {
                loadJar(jar);
            } catch (RuntimeException e) {
                problems.add(new PluginProblem(jar, reason(e)));
            }
        }
        resolvePlugins();
        incompatible.forEach((id, reason) -> {
            PluginWrapper plugin = getPlugin(id);
            problems.add(new PluginProblem(plugin.getPluginPath(), reason));
            unloadPlugin(id);
        });
    }

    private void loadJar(Path jar) {
        PluginDescriptor descriptor = getPluginDescriptorFinder().find(jar);
        validatePluginDescriptor(descriptor);
        PluginWrapper loaded = getPlugin(descriptor.getPluginId());
        if (loaded != null) {
            problems.add(new PluginProblem(jar, "plugin id '" + descriptor.getPluginId()
                    + "' is already loaded from " + loaded.getPluginPath().getFileName()));
            return;
        }
        loadPluginFromPath(jar);
    }

    @Override
    public void startPlugins() {
        super.startPlugins();
        for (PluginWrapper plugin : getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                problems.add(new PluginProblem(plugin.getPluginPath(),
                        "failed to start: " + reason(plugin.getFailedException())));
            }
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        boolean valid = super.isPluginValid(plugin);
        if (!valid) {
            incompatible.put(plugin.getPluginId(), "requires Tempest " + plugin.getDescriptor().getRequires()
                    + ", this is " + getSystemVersion());
        }
        return valid;
    }

    private static String reason(Throwable e) {
        if (e instanceof InvalidPluginDescriptorException) {
            return "invalid plugin manifest: " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Cannot read manifest")) {
            return "not a readable jar (" + root.getMessage() + ")";
        }
        return root == e ? String.valueOf(e) : e.getMessage() + " (" + root + ")";
    }
}
