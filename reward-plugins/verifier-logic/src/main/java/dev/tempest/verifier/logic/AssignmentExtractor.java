package dev.tempest.verifier.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the last truth assignment in a completion, liberal in syntax. A binding is a name, then
 * {@code = : := -> =>} or {@code is}, then a truth value ({@code true/false}, {@code t/f},
 * {@code yes/no}, {@code 1/0}, any case), each side optionally in quotes, backticks or
 * asterisks: {@code a=true}, {@code a: T}, {@code "a": true} (JSON), {@code **a** is false}.
 * Bindings separated only by white space, commas, semicolons, brackets, bullets, list numbers
 * or "and" form one assignment. The answer is the last assignment that binds at least one of
 * the puzzle's variables, so trailing noise such as "Step: 1" is skipped. Content is the
 * caller's to judge: unknown names and names bound twice come back as written.
 */
final class AssignmentExtractor {

    /** One {@code name = value} as the completion wrote it. */
    record Binding(String name, boolean value) {
    }

    private static final String QUOTES = "[\"'`*]*";
    private static final Pattern BINDING = Pattern.compile("(?<!\\w)" + QUOTES + "([A-Za-z_]\\w*)" + QUOTES
            + "\\s*(?::=|=>|->|=|:|\\bis\\b)\\s*" + QUOTES + "(true|false|yes|no|t|f|1|0)(?!\\w)" + QUOTES,
            Pattern.CASE_INSENSITIVE);
    /**
     * What may stand between two bindings of one assignment: "a=T, b=F", lines "1. a: T",
     * {"a": true, ...}. A full stop ends an assignment, so "a=T. That is 1 way" is two.
     */
    private static final Pattern SEPARATOR = Pattern.compile("(?:[\\s,;|*\\u2022(){}\\[\\]-]|\\d+[.)]|\\band\\b|&)*",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> TRUE = Set.of("true", "t", "yes", "1");

    private AssignmentExtractor() {
    }

    /** The last assignment binding some name that {@code isVariable} accepts; empty if there is none. */
    static Optional<List<Binding>> lastAssignment(String completion, Predicate<String> isVariable) {
        List<List<Binding>> assignments = new ArrayList<>();
        Matcher binding = BINDING.matcher(completion);
        int previousEnd = -1;
        while (binding.find()) {
            if (previousEnd < 0
                    || !SEPARATOR.matcher(completion.subSequence(previousEnd, binding.start())).matches()) {
                assignments.add(new ArrayList<>());
            }
            boolean value = TRUE.contains(binding.group(2).toLowerCase(Locale.ROOT));
            assignments.get(assignments.size() - 1).add(new Binding(binding.group(1), value));
            previousEnd = binding.end();
        }
        for (int i = assignments.size() - 1; i >= 0; i--) {
            if (assignments.get(i).stream().map(Binding::name).anyMatch(isVariable)) {
                return Optional.of(assignments.get(i));
            }
        }
        return Optional.empty();
    }
}
