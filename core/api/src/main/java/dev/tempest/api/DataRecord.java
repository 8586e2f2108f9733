package dev.tempest.api;

/**
 * One row of a data set, typed by what a stage needs from it, in the row shapes of TRL and the
 * Hugging Face hub: plain text for pre-training ({@link TextRecord}), conversations
 * ({@link ChatRecord}) and prompt/completion pairs ({@link PromptCompletion}) for SFT,
 * preference pairs ({@link PreferencePair}) for reward models and DPO, and tasks whose answers a
 * verifier checks ({@link Task}) for RLVR. Prompts, completions and answers are {@link Part}s:
 * plain text, or messages for the chat template.
 */
public sealed interface DataRecord
        permits TextRecord, ChatRecord, PromptCompletion, PreferencePair, Task {
}
