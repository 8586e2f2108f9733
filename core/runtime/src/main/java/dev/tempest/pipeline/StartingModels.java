package dev.tempest.pipeline;

import dev.tempest.config.InvalidFieldException;
import dev.tempest.config.StartingModel;
import dev.tempest.model.ModelFamilies;
import dev.tempest.model.ModelFamily;
import dev.tempest.model.ModelFolder;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stage finds the model it starts from (an earlier stage's {@code model/} folder, or a
 * Hugging Face folder on disk) and the installed family that reads it, by its {@code model_type}.
 */
final class StartingModels {

    private final ModelFamilies families;

    StartingModels(ModelFamilies families) {
        this.families = families;
    }

    /** Refuses a folder that is not a model folder, or whose model no installed plugin reads, before anything runs. */
    void check(StartingModel model) {
        if (model.path() == null) {
            return;  // an earlier stage writes it; the pipeline's rules have checked that one does
        }
        ModelFolder folder = new ModelFolder(model.path());
        folder.problem().ifPresent(problem -> {
            throw new InvalidFieldException("model.path", problem);
        });
        try {
            Map<String, Object> config = folder.config();
            if (families.find(config).isEmpty()) {
                throw new InvalidFieldException("model.path", families.missing(config));
            }
        } catch (IOException e) {
            throw new InvalidFieldException("model.path", e.getMessage());
        }
    }

    /** The folder {@code model} names; an earlier stage's is in this run's folder. */
    ModelFolder folder(StartingModel model, StageContext context) throws RunException {
        ModelFolder folder = new ModelFolder(model.path() != null ? model.path()
                : context.dir().getParent().resolve(model.from()).resolve("model"));
        Optional<String> problem = folder.problem();
        if (problem.isPresent()) {
            throw new RunException(problem.get());
        }
        return folder;
    }

    /** The family that reads {@code folder}'s model. */
    ModelFamily family(ModelFolder folder) throws IOException, RunException {
        Map<String, Object> config = folder.config();
        return families.find(config).orElseThrow(() -> new RunException(folder.dir() + ": " + families.missing(config)));
    }
}
