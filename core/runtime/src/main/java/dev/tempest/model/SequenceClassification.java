package dev.tempest.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Hugging Face's {@code ...ForSequenceClassification} variant of a family, the layout reward
 * models are published in: the family's backbone, then {@code score.weight} (labels, C), a linear
 * head without bias read at each sequence's last token. A {@code config.json} is a classifier's
 * when its {@code architectures} names such a class; it carries {@code num_labels} (or, as Hugging
 * Face derives it, the entries of {@code id2label}) and the {@code pad_token_id} by which Hugging
 * Face finds each sequence's last token in a padded batch.
 */
public final class SequenceClassification {

    /** The head, (labels, C), at the top level of the checkpoint as Hugging Face names it. */
    public static final String SCORE = "score.weight";

    private static final String SUFFIX = "ForSequenceClassification";

    private SequenceClassification() {
    }

    /** The labels of the model {@code config} describes: 0 for a language model, at least 1 for a classifier. */
    public static int labels(HfConfig config) {
        if (config.texts("architectures").stream().noneMatch(name -> name.endsWith(SUFFIX))) {
            return 0;
        }
        return config.size("num_labels", config.entries("id2label", 2)); // 2: Hugging Face's default
    }

    /**
     * The {@code config.json} of a one-label classifier (a reward model) on the backbone of the
     * language model {@code lm}: {@code architecture} is the family's class (such as
     * {@code GPT2ForSequenceClassification}), {@code padTokenId} the token Hugging Face takes for
     * padding, so that the Python side reads each sequence where Tempest does (none: each is read at
     * its last token, which Hugging Face does only for a batch of one).
     */
    public static Map<String, Object> rewardModelConfig(Map<String, Object> lm, String architecture,
                                                        OptionalInt padTokenId) {
        Map<String, Object> config = new LinkedHashMap<>(lm);
        config.put("architectures", List.of(architecture));
        config.put("num_labels", 1);
        config.put("id2label", Map.of("0", "LABEL_0"));
        config.put("label2id", Map.of("LABEL_0", 0));
        config.remove("pad_token_id");
        padTokenId.ifPresent(id -> config.put("pad_token_id", id));
        return config;
    }

    /** The {@code pad_token_id} of {@code config}, empty when it names none. */
    public static OptionalInt padTokenId(Map<String, Object> config) {
        return config.get("pad_token_id") instanceof Number id ? OptionalInt.of(id.intValue()) : OptionalInt.empty();
    }

    /**
     * Where a sequence's score is read, as Hugging Face's classifiers read it: at its last token
     * that is not the pad token (which is often the end-of-text token, as TRL sets it, so a
     * sequence ending in it is read at the token before); at its last token when there is no pad
     * token; at 0 when every token is the pad token.
     */
    public static int readIndex(int[] tokens, OptionalInt padTokenId) {
        if (padTokenId.isEmpty()) {
            return tokens.length - 1;
        }
        for (int t = tokens.length - 1; t > 0; t--) {
            if (tokens[t] != padTokenId.getAsInt()) {
                return t;
            }
        }
        return 0;
    }
}
