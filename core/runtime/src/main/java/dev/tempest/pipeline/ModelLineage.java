package dev.tempest.pipeline;

import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.PretrainStageConfig;
import dev.tempest.config.SftStageConfig;
import dev.tempest.config.StageConfig;
import dev.tempest.config.StartingModel;
import dev.tempest.config.StartsFromModel;
import dev.tempest.model.ModelFolder;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a starting model's tokenizer will hold, known before anything runs: a stage's chat
 * template can then be checked against the model it starts from when the pipeline is loaded,
 * not after the stages before it have trained for hours.
 */
final class ModelLineage {

    private ModelLineage() {
    }

    /**
     * The special tokens of the tokenizer that {@code model} comes with; {@code earlier} are the
     * stages before the one that starts from it.
     */
    static Set<String> specialTokens(StartingModel model, List<StageConfig> earlier) throws IOException {
        if (model.path() != null) {
            return new ModelFolder(model.path()).tokenizer().specialTokens();
        }
        StageConfig source = earlier.stream().filter(stage -> stage.name().equals(model.from())).findFirst().orElseThrow();
        List<StageConfig> before = earlier.subList(0, earlier.indexOf(source));
        Set<String> tokens = new LinkedHashSet<>();
        if (source instanceof PretrainStageConfig pretrain) {
            tokens.add(PretrainStageConfig.END_OF_TEXT);
            tokens.addAll(pretrain.specialTokens());
        } else if (source instanceof StartsFromModel fineTuned) {
            tokens.addAll(specialTokens(fineTuned.model(), before));
            if (source instanceof SftStageConfig sft && sft.growVocabulary()) {
                tokens.addAll(ChatTemplate.forName(sft.chatTemplate()).requiredTokens());
            }
        }
        return tokens;
    }
}
