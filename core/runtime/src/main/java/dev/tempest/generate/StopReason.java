package dev.tempest.generate;

/** Why a generated sequence ended. */
public enum StopReason {
    /** It drew one of the end tokens, which is its last token. */
    END_TOKEN,
    /** A stop string appeared in its text; its tokens end before the one where the string begins. */
    STOP_STRING,
    /** It reached the new-token limit. */
    MAX_TOKENS,
    /** Prompt and new tokens fill the model's context. */
    CONTEXT_FULL
}
