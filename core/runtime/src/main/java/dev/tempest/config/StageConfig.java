package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;

/** One stage of a pipeline; its {@code kind} key picks the record that holds its settings. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScanStageConfig.class, name = "scan"),
    @JsonSubTypes.Type(value = PretrainStageConfig.class, name = "pretrain"),
    @JsonSubTypes.Type(value = SftStageConfig.class, name = "sft"),
    @JsonSubTypes.Type(value = EvalStageConfig.class, name = "eval"),
    @JsonSubTypes.Type(value = GrpoStageConfig.class, name = "grpo"),
    @JsonSubTypes.Type(value = RewardModelStageConfig.class, name = "reward_model"),
    @JsonSubTypes.Type(value = DpoStageConfig.class, name = "dpo"),
    @JsonSubTypes.Type(value = PpoStageConfig.class, name = "ppo"),
})
public interface StageConfig {

    /** Unique within the pipeline; names the stage's lines in metrics.jsonl. */
    String name();

    /** Checks the rules binding cannot, naming fields under {@code at}, the stage's own path. */
    void check(String at);

    /** The files and folders the stage reads, which no run folder may contain. */
    List<Path> inputs();

    /**
     * Whether the stage leaves a language model in its {@code model/} folder, which a later stage
     * may start from; a reward model's folder holds a classifier, which no stage starts from.
     */
    default boolean writesModel() {
        return false;
    }
}
