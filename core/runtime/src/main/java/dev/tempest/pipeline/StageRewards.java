package dev.tempest.pipeline;

import dev.tempest.api.RewardModel;
import dev.tempest.api.RewardScorer;
import dev.tempest.config.RewardTerm;
import dev.tempest.config.RewardedStage;
import dev.tempest.rollout.RolloutRewards;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An RL stage's reward terms opened for its run: the task's verifier as it is, and each reward
 * model opened by its extension on its folder (an earlier reward_model stage's model/, or a path)
 * and on the stage's device, so it runs where the policy does.
 */
final class StageRewards {

    private StageRewards() {
    }

    /**
     * @param models          per term, the RewardModel extension it names (null for a verifier term)
     * @param conversational  whether the policy's prompts go through a chat template
     * @throws RunException naming the term whose reward model could not be opened; those opened
     *         before it are closed
     */
    static RolloutRewards open(RewardedStage config, List<RewardModel> models, StageContext context, DeviceChoice device,
                               int threads, boolean conversational) throws RunException {
        List<RolloutRewards.Term> terms = new ArrayList<>();
        try {
            for (int i = 0; i < config.rewards().size(); i++) {
                RewardTerm term = config.rewards().get(i);
                if (term.verifier() != null) {
                    terms.add(new RolloutRewards.Term("verifier", term.weight(), null));
                    continue;
                }
                Path folder = term.from() != null ? context.dir().getParent().resolve(term.from()).resolve("model")
                        : term.path();
                Map<String, Object> options = new HashMap<>(term.options());
                if (folder != null) {
                    options.put("path", folder.toString());
                }
                options.put("device", device.spec());
                options.put("threads", threads);
                String name = term.from() != null ? term.from() : folder != null ? folder.getFileName().toString()
                        : term.rewardModel();
                terms.add(new RolloutRewards.Term(name, term.weight(), open(config.name(), i, term, models.get(i), options)));
            }
            return new RolloutRewards(terms, conversational);
        } catch (RunException | RuntimeException e) {
            terms.stream().filter(term -> term.scorer() != null).forEach(term -> term.scorer().close());
            throw e;
        }
    }

    private static RewardScorer open(String stage, int index, RewardTerm term, RewardModel model, Map<String, Object> options)
            throws RunException {
        try {
            return model.open(options);
        } catch (Exception e) {
            throw new RunException(stage + ": rewards[" + index + "]: reward model '" + term.rewardModel()
                    + "' could not be opened: " + e.getMessage(), e);
        }
    }
}
