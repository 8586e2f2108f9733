package dev.tempest.model;

import dev.tempest.api.ModelArchitecture;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds the installed model family for a checkpoint's {@code config.json}, by its {@code model_type}. */
public final class ModelFamilies {

    private ModelFamilies() {
    }

    public static ModelFamily forConfig(PluginHost plugins, Map<String, Object> config) throws PluginException {
        Object type = config.get("model_type");
        for (ModelArchitecture architecture : plugins.extensions(ModelArchitecture.class)) {
            if (architecture instanceof ModelFamily family && family.modelTypes().contains(type)) {
                return family;
            }
        }
        String installed = plugins.extensions(ModelArchitecture.class).stream()
                .map(architecture -> String.join("/", architecture.modelTypes()))
                .collect(Collectors.joining(", "));
        throw new PluginException("no model plugin reads model_type " + type + " (installed: "
                + (installed.isEmpty() ? "none" : installed) + ")");
    }
}
