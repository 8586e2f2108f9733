package dev.tempest.config;

import java.util.List;

/** A stage whose reward is a weighted sum of terms ({@link RewardTerm}), some of which may name an earlier reward model. */
public interface RewardedStage extends StageConfig {

    List<RewardTerm> rewards();
}
