package dev.tempest.api;

/**
 * A prompt, a completion, or a chosen or rejected answer, in one of the two forms TRL and the
 * Hugging Face hub use: {@link PlainText} ("standard": used as it is, no chat template) or
 * {@link Messages} ("conversational": rendered through the run's chat template).
 */
public sealed interface Part permits PlainText, Messages {
}
