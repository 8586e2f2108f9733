package dev.tempest.api;

import java.util.List;
import java.util.Objects;

/** A named tensor of a checkpoint, as Hugging Face names it: {@code h.0.attn.c_attn.weight}, shape (C, 3*C). */
public record TensorSpec(String name, List<Integer> shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        shape = List.copyOf(shape);
    }
}
