package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run: the stages to go through, in order, and where their results go.
 *
 * @param name   names the run in logs and, by default, its output folder
 * @param output the run folder, relative to the working directory; default {@code runs/NAME}
 * @param stages what the run does, in order
 */
@JsonPropertyOrder({"name", "output", "stages"})
public record PipelineConfig(String name, String output, List<StageConfig> stages) {

    public PipelineConfig {
        output = output != null || name == null ? output : "runs/" + name;
    }

    void check() {
        Checks.name("name", name);
        Checks.required("stages", stages);
        if (stages.isEmpty()) {
            throw new InvalidFieldException("stages", "a pipeline needs at least one stage");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            String at = "stages[" + i + "]";
            Checks.required(at, stages.get(i));
            stages.get(i).check(at);
            if (!seen.add(stages.get(i).name())) {
                throw new InvalidFieldException(at + ".name", "'" + stages.get(i).name()
                        + "' is used by an earlier stage; stage names must be unique");
            }
            if (stages.get(i) instanceof StartsFromModel starts && starts.model() != null && starts.model().from() != null) {
                checkEarlierModel(at + ".model.from", starts.model().from(), stages.subList(0, i));
            }
            if (stages.get(i) instanceof RewardedStage rewarded) {
                for (int t = 0; t < rewarded.rewards().size(); t++) {
                    String from = rewarded.rewards().get(t).from();
                    if (from != null) {
                        checkEarlierRewardModel(at + ".rewards[" + t + "].from", from, stages.subList(0, i));
                    }
                }
            }
        }
    }

    /** A stage starts from a model an earlier stage writes: later ones have not run, and some write none. */
    private static void checkEarlierModel(String field, String from, List<StageConfig> earlier) {
        List<String> models = earlier.stream().filter(StageConfig::writesModel).map(StageConfig::name).toList();
        if (!models.contains(from)) {
            throw new InvalidFieldException(field, "'" + from + "' is not an earlier stage that writes a model"
                    + (models.isEmpty() ? "; no stage before this one does" : "; earlier ones that do: " + String.join(", ", models)));
        }
    }

    /** A reward term opens the model an earlier reward_model stage writes. */
    private static void checkEarlierRewardModel(String field, String from, List<StageConfig> earlier) {
        List<String> models = earlier.stream().filter(RewardModelStageConfig.class::isInstance).map(StageConfig::name).toList();
        if (!models.contains(from)) {
            throw new InvalidFieldException(field, "'" + from + "' is not an earlier reward_model stage"
                    + (models.isEmpty() ? "; no stage before this one is one" : "; earlier ones: " + String.join(", ", models)));
        }
    }
}
