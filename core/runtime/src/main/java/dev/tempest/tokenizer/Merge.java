package dev.tempest.tokenizer;

import java.util.Optional;

/** One BPE merge rule: the adjacent tokens {@code left right} become the token {@code left + right}. */
record Merge(String left, String right) {

    /** Parses GPT-2's "left right" form; byte-level tokens never contain a space, so one space separates them. */
    static Optional<Merge> parse(String text) {
        String[] parts = text.split(" ", -1);
        boolean ok = parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty();
        return ok ? Optional.of(new Merge(parts[0], parts[1])) : Optional.empty();
    }

    String merged() {
        return left + right;
    }

    /** GPT-2's "left right" form. */
    @Override
    public String toString() {
        return left + " " + right;
    }
}
