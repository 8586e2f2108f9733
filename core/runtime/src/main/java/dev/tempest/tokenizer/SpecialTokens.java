package dev.tempest.tokenizer;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Control tokens such as {@code <|endoftext|>}: whole strings that map to one id each, never merged with text. */
final class SpecialTokens {

    private final Map<String, Integer> ids;   // text -> id, in registration order
    private final Pattern pattern;            // any of the texts, longest first; null when there are none

    SpecialTokens(Map<String, Integer> ids) {
        this.ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        // Longest first, so that where one special token is a prefix of another the longer one wins.
        this.pattern = ids.isEmpty() ? null : Pattern.compile(ids.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    Map<String, Integer> ids() {
        return ids;
    }

    OptionalInt id(String text) {
        Integer id = ids.get(text);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Feeds {@code text} in order: the runs between special tokens to onText (never empty), each special token's id to onSpecial. */
    void split(String text, Consumer<String> onText, IntConsumer onSpecial) {
        if (pattern == null) {
            if (!text.isEmpty()) {
                onText.accept(text);
            }
            return;
        }
        Matcher matcher = pattern.matcher(text);
        int start = 0;
        while (matcher.find()) {
            if (matcher.start() > start) {
                onText.accept(text.substring(start, matcher.start()));
            }
            onSpecial.accept(ids.get(matcher.group()));
            start = matcher.end();
        }
        if (start < text.length()) {
            onText.accept(text.substring(start));
        }
    }
}
