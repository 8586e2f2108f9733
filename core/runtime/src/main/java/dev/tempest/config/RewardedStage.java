package dev.tempest.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A stage whose reward is a weighted sum of terms ({@link RewardTerm}), some of which may name an earlier reward model. */
public interface RewardedStage extends StageConfig {

    List<RewardTerm> rewards();

    /** Each term checked at {@code rewards[i]} below {@code at}; an empty list is refused. */
    default void checkRewards(String at) {
        if (rewards().isEmpty()) {
            throw new InvalidFieldException(Checks.field(at, "rewards"), "give at least one reward term, such as"
                    + " {verifier: task} or {reward_model: reward-model, from: REWARD_STAGE}");
        }
        for (int i = 0; i < rewards().size(); i++) {
            rewards().get(i).check(Checks.field(at, "rewards") + "[" + i + "]");
        }
    }

    /** The reward model folders on disk the terms name. */
    default List<Path> rewardPaths() {
        return rewards().stream().map(RewardTerm::path).filter(Objects::nonNull).toList();
    }
}
