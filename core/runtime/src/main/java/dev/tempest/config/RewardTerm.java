package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.Map;

/**
 * One term of an RL stage's reward, added with its weight to the others: the score of the
 * verifier each task names ({@code verifier: task}), or a learned reward from a {@code
 * RewardModel} extension ({@code reward_model: ID}) opened on a model folder, an earlier
 * reward_model stage's ({@code from}) or one on disk ({@code path}), with the extension's own
 * {@code options}.
 *
 * @param verifier    {@value #TASK_VERIFIER}: the verifier each task names
 * @param rewardModel the id of a RewardModel extension (the bundled one is {@value #BUNDLED_REWARD_MODEL})
 * @param from        an earlier reward_model stage whose model/ folder the reward model opens
 * @param path        a reward model folder, relative to the pipeline file
 * @param options     what else the extension's open() takes
 * @param weight      the term's weight in the sum (default 1)
 */
@JsonPropertyOrder({"verifier", "reward_model", "from", "path", "options", "weight"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RewardTerm(String verifier, String rewardModel, String from, Path path, Map<String, Object> options,
                         Double weight) {

    public static final String TASK_VERIFIER = "task";
    public static final String BUNDLED_REWARD_MODEL = "reward-model";

    public RewardTerm {
        options = options != null ? Map.copyOf(options) : Map.of();
        weight = weight != null ? weight : 1.0;
    }

    public void check(String at) {
        if ((verifier == null) == (rewardModel == null)) {
            throw new InvalidFieldException(at, "give exactly one of verifier: " + TASK_VERIFIER
                    + " (the verifier each task names) and reward_model: ID (a RewardModel extension, such as "
                    + BUNDLED_REWARD_MODEL + ")");
        }
        if (verifier != null) {
            if (!verifier.equals(TASK_VERIFIER)) {
                throw new InvalidFieldException(Checks.field(at, "verifier"), "must be '" + TASK_VERIFIER
                        + "': each task's own verifier scores its answers; got '" + verifier + "'");
            }
            if (from != null || path != null || !options.isEmpty()) {
                throw new InvalidFieldException(at, "from, path and options belong to a reward_model term");
            }
        }
        if (from != null && path != null) {
            throw new InvalidFieldException(Checks.field(at, "from"), "give from or path, not both");
        }
        if (!Double.isFinite(weight)) {
            throw new InvalidFieldException(Checks.field(at, "weight"), "must be a finite number, got " + weight);
        }
    }
}
