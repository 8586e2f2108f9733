package dev.tempest.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;
import org.pf4j.DefaultExtensionFactory;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;

/**
 * Makes extensions as PF4J does, except that one with a public constructor taking the
 * {@link PluginHost} gets the host that loads it: an extension compiled against tempest-core that
 * builds on other extensions (a reward model needs the installed model families and devices)
 * finds them there, as the engine does. Such an extension must not close the host.
 */
final class HostExtensionFactory implements ExtensionFactory {

    private final ExtensionFactory plain = new DefaultExtensionFactory();
    private final Supplier<PluginHost> host;   // the host, once made: extensions are made after it

    HostExtensionFactory(Supplier<PluginHost> host) {
        this.host = host;
    }

    @Override
    public <T> T create(Class<T> type) {
        Constructor<T> withHost;
        try {
            withHost = type.getConstructor(PluginHost.class);
        } catch (NoSuchMethodException e) {
            return plain.create(type);
        }
        try {
            return withHost.newInstance(host.get());
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "extension " + type.getName() + " fails when made");
        } catch (ReflectiveOperationException e) {
            throw new PluginRuntimeException(e, "extension " + type.getName() + " cannot be made");
        }
    }
}
