package dev.tempest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A satisfiability puzzle of three unit clauses over a, b and c, each a variable or its
 * negation, in some order: "Make true: not b and c and a." Its one solution sets a negated
 * variable false, the others true.
 *
 * @param negated which of a, b, c the clauses negate
 * @param order   the order the clauses name them in
 */
record UnitClauses(boolean[] negated, int[] order) implements TaughtRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VARIABLES = {"a", "b", "c"};
    private static final int[][] ORDERS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

    /** The 48 puzzles: every choice of negations, in every order. */
    static List<UnitClauses> all() {
        List<UnitClauses> puzzles = new ArrayList<>();
        for (int negations = 0; negations < 8; negations++) {
            for (int[] order : ORDERS) {
                puzzles.add(new UnitClauses(new boolean[] {(negations & 1) != 0, (negations & 2) != 0, (negations & 4) != 0},
                        order));
            }
        }
        return puzzles;
    }

    @Override
    public String prompt() {
        List<String> clauses = new ArrayList<>();
        for (int v : order) {
            clauses.add((negated[v] ? "not " : "") + VARIABLES[v]);
        }
        return "Make true: " + String.join(" and ", clauses) + ".";
    }

    /** The solution, "a=true, b=false, c=true"; or, {@code careless}, every variable true whatever negates it. */
    @Override
    public String answer(boolean careless) {
        List<String> values = new ArrayList<>();
        for (int v = 0; v < VARIABLES.length; v++) {
            values.add(VARIABLES[v] + "=" + (!negated[v] || careless));
        }
        return String.join(", ", values);
    }

    /** Logic verifier tasks for {@code puzzles}, the clauses as the verifier reads them. */
    static String tasks(List<UnitClauses> puzzles) throws JsonProcessingException {
        StringBuilder tasks = new StringBuilder();
        for (UnitClauses p : puzzles) {
            List<List<String>> clauses = new ArrayList<>();
            for (int v : p.order) {
                clauses.add(List.of((p.negated[v] ? "-" : "") + VARIABLES[v]));
            }
            tasks.append(JSON.writeValueAsString(Map.of("id", p.prompt(), "prompt", p.prompt(), "verifier", "logic",
                    "puzzle", Map.of("type", "sat", "variables", List.of(VARIABLES), "clauses", clauses)))).append('\n');
        }
        return tasks.toString();
    }
}
