package dev.tempest.api;

import java.util.Map;

/**
 * A learned reward, for RLHF: PPO and GRPO take their reward from the RewardModel extension a
 * pipeline names, as a verifier is named, so a third party's reward model plugs in the same way.
 * One extension serves many models: {@link #open} takes the options that say which (a model
 * folder, say) and returns a {@link RewardScorer} for them.
 */
public interface RewardModel extends TempestExtension {

    /**
     * Opens the reward model {@code options} describe: what the pipeline writes under the
     * reward's {@code options:} (such as {@code path}, a model folder), and what the stage that
     * calls it adds for a model that runs on its device: {@code device} (a device spec such as
     * {@code cpu} or {@code opencl:0:0}, a String) and {@code threads} (an Integer).
     *
     * @throws IllegalArgumentException for options that name nothing usable, naming the option
     * @throws Exception                when the model cannot be opened (an unreadable folder, a device that fails)
     */
    RewardScorer open(Map<String, Object> options) throws Exception;
}
