package dev.tempest.chat;

import java.util.List;
import java.util.stream.Collectors;

/** A chat template needs special tokens the tokenizer lacks; the message says which, and the two ways to add them. */
public final class MissingTokenException extends Exception {

    private final List<String> missing;

    MissingTokenException(String template, List<String> missing) {
        super(message(template, missing));
        this.missing = List.copyOf(missing);
    }

    /** The tokens to add, in the template's order: what {@code Tokenizer.withSpecialTokens} takes. */
    public List<String> missing() {
        return missing;
    }

    private static String message(String template, List<String> missing) {
        String quoted = missing.stream().map(token -> "\"" + token + "\"").collect(Collectors.joining(", "));
        boolean one = missing.size() == 1;
        return "chat template " + template + " needs " + quoted + " as " + (one ? "a special token" : "special tokens")
                + ", one id each, and the tokenizer lacks " + (one ? "it" : "them") + ": reserve "
                + (one ? "it" : "them") + " when pre-training the tokenizer (the pretrain stage's special_tokens), or"
                + " let the model's embedding grow by a new row for each (grow_vocabulary: true)";
    }
}
