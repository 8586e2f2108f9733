package dev.tempest.api;

/**
 * One row of a data set, typed by what the stage needs from it: plain text for pre-training,
 * chats or prompt/completion pairs for SFT, preference pairs for reward models and DPO, tasks
 * with checkable answers for RLVR.
 */
public sealed interface DataRecord
        permits TextRecord, ChatRecord, PromptCompletion, PreferencePair, Task {
}
