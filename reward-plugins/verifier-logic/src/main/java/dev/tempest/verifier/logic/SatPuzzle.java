package dev.tempest.verifier.logic;

import dev.tempest.api.Verdict;
import dev.tempest.verifier.logic.AssignmentExtractor.Binding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Propositional satisfiability in CNF:
 * {@code {"type": "sat", "variables": ["a", "b", "c"], "clauses": [["a", "-b"], ["b", "c"]]}},
 * where {@code "-x"} is "not x". The answer is an assignment read by {@link AssignmentExtractor};
 * it must give every variable exactly one value (else INCORRECT with score 0) and is right iff
 * every clause is true under it.
 */
final class SatPuzzle implements LogicPuzzle {

    static final String TYPE = "sat";
    /** Names that {@link AssignmentExtractor} reads back. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z]\\w*");

    private final List<String> variables;  // variable i is numbered i + 1 in clauses
    private final List<int[]> clauses;     // DIMACS literals: v is "v is true", -v "v is false"

    SatPuzzle(List<String> variables, List<int[]> clauses) {
        this.variables = List.copyOf(variables);
        this.clauses = clauses.stream().map(int[]::clone).toList();
    }

    static SatPuzzle fromJson(Map<?, ?> fields) {
        List<?> names = PuzzleJson.nonEmptyList(fields.get("variables"), "puzzle.variables");
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String path = "puzzle.variables[" + i + "]";
            String name = PuzzleJson.string(names.get(i), path);
            if (!NAME.matcher(name).matches()) {
                throw PuzzleJson.wrongShape(path, "a name of letters, digits and _ that starts with a letter", name);
            }
            if (variables.contains(name)) {
                throw new IllegalArgumentException(path + ": \"" + name + "\" is declared twice");
            }
            variables.add(name);
        }
        List<?> rows = PuzzleJson.nonEmptyList(fields.get("clauses"), "puzzle.clauses");
        List<int[]> clauses = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<?> literals = PuzzleJson.nonEmptyList(rows.get(i), "puzzle.clauses[" + i + "]");
            int[] clause = new int[literals.size()];
            for (int j = 0; j < clause.length; j++) {
                String path = "puzzle.clauses[" + i + "][" + j + "]";
                String literal = PuzzleJson.string(literals.get(j), path);
                boolean negated = literal.startsWith("-");
                int v = variables.indexOf(negated ? literal.substring(1) : literal) + 1;
                if (v == 0) {
                    throw new IllegalArgumentException(
                            path + ": \"" + literal + "\" is not a declared variable or its negation");
                }
                clause[j] = negated ? -v : v;
            }
            clauses.add(clause);
        }
        return new SatPuzzle(variables, clauses);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPE);
        json.put("variables", variables);
        json.put("clauses", clauses.stream()
                .map(clause -> IntStream.of(clause).mapToObj(l -> (l < 0 ? "-" : "") + name(l)).toList())
                .toList());
        return json;
    }

    @Override
    public String prompt() {
        StringBuilder prompt = new StringBuilder("Find the truth values of the variables ")
                .append(String.join(", ", variables))
                .append(" that make every one of these clauses true. A clause is true when at least one of its"
                        + " parts is true; NOT x is true when x is false.\n");
        for (int i = 0; i < clauses.size(); i++) {
            prompt.append(i + 1).append(". ").append(describe(clauses.get(i))).append('\n');
        }
        return prompt.append("Exactly one assignment works. End your answer with a line that gives every variable"
                + " a value, as name=true or name=false separated by commas, for example ")
                .append(variables.get(0)).append("=true").toString();
    }

    @Override
    public Verdict verify(String completion, boolean partialCredit) {
        Optional<List<Binding>> answer = AssignmentExtractor.lastAssignment(completion, variables::contains);
        if (answer.isEmpty()) {
            return Verdict.noAnswer("no assignment of " + String.join(", ", variables) + " found");
        }
        Map<Integer, Boolean> values = new HashMap<>();  // variable number -> value
        for (Binding binding : answer.get()) {
            int v = variables.indexOf(binding.name()) + 1;
            if (v == 0) {
                return Verdict.incorrect(0, binding.name() + " is not a variable of this puzzle");
            }
            if (values.put(v, binding.value()) != null) {
                return Verdict.incorrect(0, binding.name() + " is assigned twice");
            }
        }
        for (int v = 1; v <= variables.size(); v++) {
            if (!values.containsKey(v)) {
                return Verdict.incorrect(0, name(v) + " has no value");
            }
        }
        ConstraintTally tally = new ConstraintTally(partialCredit);
        for (int i = 0; i < clauses.size(); i++) {
            int[] clause = clauses.get(i);
            int number = i + 1;
            boolean isTrue = IntStream.of(clause).anyMatch(l -> values.get(Math.abs(l)) == l > 0);
            tally.check(isTrue, () -> "clause " + number + " " + describe(clause) + " is false");
        }
        return tally.verdict();
    }

    @Override
    public Cnf cnf() {
        return new Cnf(variables.size(), clauses);
    }

    /** As the prompt shows it: (a OR NOT b). */
    private String describe(int[] clause) {
        return IntStream.of(clause).mapToObj(l -> (l < 0 ? "NOT " : "") + name(l))
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    private String name(int literal) {
        return variables.get(Math.abs(literal) - 1);
    }
}
