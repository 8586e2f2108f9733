package dev.tempest.reward.model;

import dev.tempest.accelerator.Backend;
import dev.tempest.api.RewardModel;
import dev.tempest.api.RewardScorer;
import dev.tempest.model.ModelFamilies;
import dev.tempest.plugin.Devices;
import dev.tempest.plugin.PluginHost;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The reward model a reward_model stage trains, or one published in Hugging Face's
 * sequence-classification layout: {@code open({path: DIR, device, threads})} loads the folder with
 * the installed family its {@code model_type} names, on the device given, and scores batches of
 * (prompt, completion) pairs in one forward pass each ({@link FolderScorer}).
 */
@Extension
public final class FolderRewardModel implements RewardModel {

    private final PluginHost plugins;

    /** Made by the plugin host, in which it finds the model families and devices. */
    public FolderRewardModel(PluginHost plugins) {
        this.plugins = plugins;
    }

    @Override
    public String id() {
        return "reward-model";
    }

    @Override
    public String description() {
        return "scores (prompt, completion) pairs with a reward model folder (Hugging Face ...ForSequenceClassification)";
    }

    @Override
    public RewardScorer open(Map<String, Object> options) throws Exception {
        ScorerOptions read = ScorerOptions.of(options);
        Backend backend = Devices.factory(plugins, read.device()).open(read.device(), read.threads());
        try {
            return FolderScorer.open(read.path(), ModelFamilies.installed(plugins), backend);
        } catch (Exception e) {
            backend.close();
            throw e;
        }
    }
}
