package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reward model: a language model (from an earlier stage or a Hugging Face folder) given a score
 * head read at each sequence's last token, trained on preference pairs with the Bradley-Terry
 * loss, as TRL's RewardTrainer. Every field but {@code name}, {@code model} and {@code dataset}
 * has a default.
 *
 * @param chatTemplate             how pairs become tokens: {@code chatml} (default)
 * @param growVocabulary           give the template's special tokens new embedding rows when the model's tokenizer lacks them
 * @param centerRewardsCoefficient TRL's: adds this times mean((r_chosen + r_rejected)^2), keeping rewards near 0; 0 (default) for none
 * @param sequenceLength           T: the longest sequence (prompt and answer), in tokens; longer ones are cut there
 * @param evaluation               pair files reported after training besides the held-out share, each under its name
 */
@JsonPropertyOrder({"name", "model", "dataset", "chat_template", "grow_vocabulary", "center_rewards_coefficient",
        "validation_fraction", "batch_size", "sequence_length", "steps", "micro_batches", "learning_rate",
        "min_learning_rate", "warmup_steps", "weight_decay", "clip_norm", "eval_every", "eval_batches",
        "checkpoint_every", "keep_checkpoints", "device", "threads", "seed", "evaluation"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RewardModelStageConfig(String name, StartingModel model, DatasetConfig dataset, String chatTemplate,
                                     Boolean growVocabulary, Double centerRewardsCoefficient, Double validationFraction,
                                     Integer batchSize, Integer sequenceLength, Integer steps, Integer microBatches,
                                     Double learningRate, Double minLearningRate, Integer warmupSteps, Double weightDecay,
                                     Double clipNorm, Integer evalEvery, Integer evalBatches, Integer checkpointEvery,
                                     Integer keepCheckpoints, String device, Integer threads, Long seed,
                                     List<PairEvaluation> evaluation)
        implements TrainingStageConfig, StartsFromModel {

    public RewardModelStageConfig {
        chatTemplate = chatTemplate != null ? chatTemplate : "chatml";
        growVocabulary = growVocabulary != null ? growVocabulary : false;
        centerRewardsCoefficient = centerRewardsCoefficient != null ? centerRewardsCoefficient : 0.0;
        validationFraction = validationFraction != null ? validationFraction : 0.05;
        batchSize = batchSize != null ? batchSize : 8;
        sequenceLength = sequenceLength != null ? sequenceLength : 256;
        steps = steps != null ? steps : 100;
        microBatches = microBatches != null ? microBatches : 1;
        learningRate = learningRate != null ? learningRate : 1e-5;
        minLearningRate = minLearningRate != null ? minLearningRate : learningRate / 10;
        warmupSteps = warmupSteps != null ? warmupSteps : Math.min(10, steps / 10);
        weightDecay = weightDecay != null ? weightDecay : 0.0;
        clipNorm = clipNorm != null ? clipNorm : 1.0;
        evalEvery = evalEvery != null ? evalEvery : 50;
        evalBatches = evalBatches != null ? evalBatches : 4;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : 100;
        keepCheckpoints = keepCheckpoints != null ? keepCheckpoints : 3;
        device = device != null ? device : "cpu";
        seed = seed != null ? seed : 0L;
        evaluation = evaluation != null ? List.copyOf(evaluation) : List.of();
    }

    @Override
    public void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "model"), model);
        model.check(Checks.field(at, "model"));
        Checks.required(Checks.field(at, "dataset"), dataset);
        dataset.check(Checks.field(at, "dataset"));
        checkTraining(at);
        Checks.nonNegative(Checks.field(at, "center_rewards_coefficient"), centerRewardsCoefficient);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < evaluation.size(); i++) {
            String entry = Checks.field(at, "evaluation[" + i + "]");
            evaluation.get(i).check(entry);
            if (!names.add(evaluation.get(i).name())) {
                throw new InvalidFieldException(Checks.field(entry, "name"), "'" + evaluation.get(i).name()
                        + "' names an earlier evaluation; each is reported under its own name");
            }
        }
    }

    @Override
    public List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(List.of(dataset.path()));
        if (model.path() != null) {
            inputs.add(model.path());
        }
        evaluation.forEach(pairs -> inputs.add(pairs.path()));
        return inputs;
    }
}
