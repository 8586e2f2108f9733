package dev.tempest.model;

import dev.tempest.api.ModelArchitecture;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The installed model families, and the one that reads a checkpoint's {@code config.json}, by its {@code model_type}. */
public final class ModelFamilies {

    private final List<ModelFamily> families;

    public ModelFamilies(List<ModelFamily> families) {
        this.families = List.copyOf(families);
    }

    /** Every ModelArchitecture of {@code plugins} that can build a model. */
    public static ModelFamilies installed(PluginHost plugins) {
        return new ModelFamilies(plugins.extensions(ModelArchitecture.class).stream()
                .filter(ModelFamily.class::isInstance).map(ModelFamily.class::cast).toList());
    }

    public Optional<ModelFamily> find(Map<String, Object> config) {
        return families.stream().filter(family -> family.modelTypes().contains(config.get("model_type"))).findFirst();
    }

    /** The family for {@code config}; a {@code model_type} nobody reads is a plugin error naming those installed. */
    public ModelFamily forConfig(Map<String, Object> config) throws PluginException {
        return find(config).orElseThrow(() -> new PluginException(missing(config)));
    }

    /** What to say when nobody reads {@code config}'s model_type. */
    public String missing(Map<String, Object> config) {
        String installed = families.stream().map(family -> String.join("/", family.modelTypes()))
                .collect(Collectors.joining(", "));
        return "no model plugin reads model_type " + config.get("model_type") + " (installed: "
                + (installed.isEmpty() ? "none" : installed) + ")";
    }
}
