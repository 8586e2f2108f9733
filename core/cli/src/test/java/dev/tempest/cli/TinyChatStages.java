package dev.tempest.cli;

/**
 * The stages the post-training tests start from, as pipeline text: a 2-layer GPT-2 pre-trained
 * on corpus.jsonl with the chat template's tokens reserved, then fine-tuned on chats.jsonl.
 */
final class TinyChatStages {

    private TinyChatStages() {
    }

    /**
     * Stage pretrain: {@code steps} steps of 16 rows of {@code sequenceLength} tokens; without
     * {@code chatTokens}, a tokenizer that lacks the chat template's tokens.
     */
    static String pretrain(int steps, int sequenceLength, boolean chatTokens) {
        return """
                  - kind: pretrain
                    name: pretrain
                    dataset: {loader: jsonl, path: corpus.jsonl}
                    model:
                      architecture: gpt2
                      config: {n_embd: 64, n_layer: 2, n_head: 2, n_positions: 64}
                    vocab_size: 300
                    special_tokens: %s
                    batch_size: 16
                    sequence_length: %d
                    steps: %d
                    learning_rate: 0.003
                    threads: 2
                """.formatted(chatTokens ? "[\"<|im_start|>\", \"<|im_end|>\"]" : "[]", sequenceLength, steps);
    }

    /** Stage sft, from pretrain: 150 steps of 16 chats, with {@code more} settings (a line each, indented as one). */
    static String sft(String more) {
        return """
                  - kind: sft
                    name: sft
                    model: {from: pretrain}
                    dataset: {loader: jsonl, path: chats.jsonl}
                    batch_size: 16
                    sequence_length: 64
                    steps: 150
                    learning_rate: 0.001
                    threads: 2
                """ + more;
    }
}
