package dev.tempest.verify;

import dev.tempest.api.Task;
import dev.tempest.api.Verifier;

/** One completion to verify: the verifier, the task it answers, and the model's text. */
public record Check(Verifier verifier, Task task, String completion) {
}
