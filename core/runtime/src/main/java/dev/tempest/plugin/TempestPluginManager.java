package dev.tempest.plugin;

import dev.tempest.api.TempestExtension;
import dev.tempest.core.TempestVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.pf4j.ExtensionFactory;
import org.pf4j.InvalidPluginDescriptorException;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * PF4J's jar plugin manager, made so that one bad jar costs one line and only itself: a jar that
 * cannot be read, a plugin that fails to start, and one whose extension throws when first made
 * (in its class initializer, its constructor or {@code id()}) each become a {@link PluginProblem}
 * and are unloaded, and the rest load. The plugins that come with Tempest (manifest
 * {@code Plugin-Provider: Tempest}) load first, so another jar with one of their plugin ids,
 * or an extension with one of their extensions' ids, never displaces them; between two other
 * jars, the one whose file name sorts first wins. Each loser is named in its line.
 */
final class TempestPluginManager extends JarPluginManager {

    private static final String BUNDLED_PROVIDER = "Tempest";
    private static final String BUILT_IN = "built into Tempest";

    private final List<PluginProblem> problems = new ArrayList<>();
    private final Map<String, String> incompatible = new LinkedHashMap<>(); // plugin id -> reason
    private PluginHost host;  // the host over this manager, handed to extensions that ask for it

    TempestPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(TempestVersion.current());
    }

    List<PluginProblem> problems() {
        return problems;
    }

    /** The host over this manager, set before any plugin loads. */
    void host(PluginHost host) {
        this.host = host;
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new HostExtensionFactory(() -> host);  // made in the super constructor, before host is set: read it late
    }

    @Override
    public void loadPlugins() {
        List<Path> paths = new ArrayList<>(pluginRepository.getPluginPaths());
        paths.sort(Comparator.comparing(jar -> jar.getFileName().toString()));
        List<PluginJar> jars = new ArrayList<>();
        for (Path jar : paths) {
            try {
                jars.add(new PluginJar(jar, describe(jar)));
            } catch (RuntimeException | IOException e) {
                problems.add(new PluginProblem(jar, reason(e)));
            }
        }
        jars.sort(Comparator.comparing((PluginJar jar) -> !jar.bundled()).thenComparing(jar -> jar.path().getFileName().toString()));
        for (PluginJar jar : jars) {
            PluginWrapper loaded = getPlugin(jar.descriptor().getPluginId());
            if (loaded != null) {
                problems.add(new PluginProblem(jar.path(), "plugin id '" + jar.descriptor().getPluginId()
                        + "' is already loaded from " + loaded.getPluginPath().getFileName()));
                continue;
            }
            try {
                loadPluginFromPath(jar.path());
            } catch (RuntimeException e) {
                problems.add(new PluginProblem(jar.path(), reason(e)));
            }
        }
        resolvePlugins();
        incompatible.forEach((id, reason) -> {
            PluginWrapper plugin = getPlugin(id);
            problems.add(new PluginProblem(plugin.getPluginPath(), reason));
            unloadPlugin(id);
        });
    }

    @Override
    public void startPlugins() {
        super.startPlugins();
        Map<String, String> claimed = new HashMap<>(); // "Verifier 'math'" -> the jar it comes from, or BUILT_IN
        for (Class<? extends TempestExtension> kind : ExtensionKinds.ALL) {
            for (TempestExtension builtIn : getExtensions(kind, null)) {
                claimed.put(kind.getSimpleName() + " '" + builtIn.id() + "'", BUILT_IN);
            }
        }
        for (PluginWrapper plugin : new ArrayList<>(getPlugins())) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                problems.add(new PluginProblem(plugin.getPluginPath(), "failed to start: " + reason(plugin.getFailedException())));
            } else if (plugin.getPluginState() == PluginState.STARTED) {
                String problem = claimExtensions(plugin, claimed);
                if (problem != null) {
                    problems.add(new PluginProblem(plugin.getPluginPath(), problem));
                    stopPlugin(plugin.getPluginId());
                    unloadPlugin(plugin.getPluginId());
                }
            }
        }
    }

    /**
     * Makes each extension of {@code plugin} once, as its first use would, and claims its id;
     * returns why the plugin cannot stay (an extension that throws, an id already claimed), or null.
     */
    private String claimExtensions(PluginWrapper plugin, Map<String, String> claimed) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (String className : getExtensionClassNames(plugin.getPluginId())) {
            String claim;
            try {
                Class<?> type = plugin.getPluginClassLoader().loadClass(className);
                Object extension = getExtensionFactory().create(type);
                if (!(extension instanceof TempestExtension named)) {
                    continue;
                }
                claim = ExtensionKinds.of(type) + " '" + named.id() + "'";
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return "extension " + className + " fails: " + rootCause(e);
            }
            if (claims.containsKey(claim)) {
                return "two of its extensions are " + claim;
            }
            String owner = claimed.get(claim);
            if (owner != null) {
                return "its " + claim + " has the id of one " + (owner.equals(BUILT_IN) ? BUILT_IN : "in " + owner + ", which "
                        + precedence(owner));
            }
            claims.put(claim, plugin.getPluginPath().getFileName().toString());
        }
        claimed.putAll(claims);
        return null;
    }

    /** Why the earlier of two plugins with the same extension id is the one kept. */
    private String precedence(String ownerJar) {
        PluginWrapper owner = getPlugins().stream()
                .filter(plugin -> plugin.getPluginPath().getFileName().toString().equals(ownerJar)).findFirst().orElseThrow();
        String disable = " (to use this one instead, add '" + owner.getPluginId() + "' to disabled.txt)";
        return (BUNDLED_PROVIDER.equals(owner.getDescriptor().getProvider()) ? "comes with Tempest and is kept"
                : "loaded first and is kept") + disable;
    }

    /** The jar's plugin descriptor, checked before PF4J sees it, so that each fault gets a sentence, not PF4J's text. */
    private PluginDescriptor describe(Path jar) throws IOException {
        if (Files.isSymbolicLink(jar) && !Files.exists(jar)) {
            throw new IOException("a link to " + Files.readSymbolicLink(jar) + ", which does not exist");
        }
        JarFile file;
        try {
            file = new JarFile(jar.toFile());
        } catch (IOException e) {
            throw new IOException("not a readable jar (" + e.getMessage() + ")", e);
        }
        try (file) {
            if (file.getManifest() == null) {
                throw new IOException("has no META-INF/MANIFEST.MF naming its Plugin-Id");
            }
        }
        PluginDescriptor descriptor = getPluginDescriptorFinder().find(jar);
        validatePluginDescriptor(descriptor);
        String requires = descriptor.getRequires();
        try {
            getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
        } catch (RuntimeException e) {
            throw new IOException("Plugin-Requires '" + requires + "' is not a version range such as >=0.1.0 & <0.2.0", e);
        }
        return descriptor;
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

    /** One line for a jar that did not load: Tempest's own sentence, the manifest's fault, or the root cause. */
    private static String reason(Throwable e) {
        if (e instanceof IOException) {
            return e.getMessage();
        }
        if (e instanceof InvalidPluginDescriptorException) {
            return "invalid plugin manifest: " + e.getMessage();
        }
        Throwable root = rootCause(e);
        return root == e ? String.valueOf(e) : e.getMessage() + " (" + root + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** A jar in the plugins folder and what its manifest says. */
    private record PluginJar(Path path, PluginDescriptor descriptor) {
        boolean bundled() {
            return BUNDLED_PROVIDER.equals(descriptor.getProvider());
        }
    }
}
