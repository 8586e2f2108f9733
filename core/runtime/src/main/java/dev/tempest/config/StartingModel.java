package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;

/**
 * The model a stage starts from, with its tokenizer: the model an earlier stage of the same
 * pipeline wrote ({@code from: pretrain}), or a Hugging Face model folder on disk
 * ({@code path: models/qwen2-0.5b}: {@code config.json}, {@code model.safetensors},
 * {@code tokenizer.json}). Exactly one of the two.
 */
@JsonPropertyOrder({"from", "path"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartingModel(String from, Path path) {

    void check(String at) {
        if ((from == null) == (path == null)) {
            throw new InvalidFieldException(at, "name one of: from (an earlier stage) or path (a model folder)");
        }
    }
}
