package dev.tempest.plugin;

import dev.tempest.api.BackendProvider;
import dev.tempest.api.DatasetLoader;
import dev.tempest.api.ModelArchitecture;
import dev.tempest.api.RewardModel;
import dev.tempest.api.TempestExtension;
import dev.tempest.api.Verifier;
import java.util.List;

/** The extension points of tempest-api, by which {@code tempest plugins} names what an extension is. */
final class ExtensionKinds {

    static final List<Class<? extends TempestExtension>> ALL = List.of(
            ModelArchitecture.class, DatasetLoader.class, RewardModel.class, Verifier.class, BackendProvider.class);

    private ExtensionKinds() {
    }

    /** The simple name of the extension point {@code type} implements, or {@code ?} for none. */
    static String of(Class<?> type) {
        for (Class<? extends TempestExtension> kind : ALL) {
            if (kind.isAssignableFrom(type)) {
                return kind.getSimpleName();
            }
        }
        return "?";
    }
}
