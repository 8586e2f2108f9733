package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;

/**
 * A file of preference pairs a reward model is evaluated on besides its held-out share, reported
 * under its own name: pairs that differ in the property that matters (a correct answer against a
 * well-formatted wrong one), which a held-out share of the training pairs may never test.
 *
 * @param name names its metrics ({@code eval_NAME_accuracy}, {@code eval_NAME_margin})
 * @param path the pairs, read by the stage's dataset loader, relative to the config file
 */
@JsonPropertyOrder({"name", "path"})
public record PairEvaluation(String name, Path path) {

    void check(String at) {
        Checks.name(Checks.field(at, "name"), name);
        Checks.required(Checks.field(at, "path"), path);
    }
}
