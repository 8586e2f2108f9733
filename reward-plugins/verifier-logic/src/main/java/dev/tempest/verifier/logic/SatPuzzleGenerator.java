package dev.tempest.verifier.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random 3-CNF puzzles with exactly one model. A hidden assignment is planted: random clauses
 * that it satisfies are added until Sat4j finds no second model, then every clause whose
 * removal keeps the model unique is dropped, so no clause is redundant.
 */
final class SatPuzzleGenerator {

    private static final int MIN_VARIABLES = 4;
    private static final int MAX_VARIABLES = 8;
    private static final int CLAUSE_WIDTH = 3;

    private SatPuzzleGenerator() {
    }

    static SatPuzzle generate(SplittableRandom random) {
        int n = random.nextInt(MIN_VARIABLES, MAX_VARIABLES + 1);
        List<String> variables = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            variables.add(String.valueOf((char) ('a' + v)));
        }
        boolean[] hidden = new boolean[n + 1];  // hidden[v] for v = 1..n
        for (int v = 1; v <= n; v++) {
            hidden[v] = random.nextBoolean();
        }
        // The hidden assignment satisfies every clause, so there is always at least one model.
        List<int[]> clauses = new ArrayList<>();
        while (!new SatPuzzle(variables, clauses).cnf().hasUniqueModel()) {
            clauses.add(plantedClause(random, hidden));
        }
        for (int i = clauses.size() - 1; i >= 0; i--) {
            int[] clause = clauses.remove(i);
            if (!new SatPuzzle(variables, clauses).cnf().hasUniqueModel()) {
                clauses.add(i, clause);
            }
        }
        return new SatPuzzle(variables, clauses);
    }

    /** A clause over distinct random variables with random signs, drawn again until {@code hidden} satisfies it. */
    private static int[] plantedClause(SplittableRandom random, boolean[] hidden) {
        int n = hidden.length - 1;
        while (true) {
            boolean[] used = new boolean[n + 1];
            int[] clause = new int[CLAUSE_WIDTH];
            for (int i = 0; i < CLAUSE_WIDTH; i++) {
                int v;
                do {
                    v = random.nextInt(1, n + 1);
                } while (used[v]);
                used[v] = true;
                clause[i] = random.nextBoolean() ? v : -v;
            }
            for (int literal : clause) {
                if (hidden[Math.abs(literal)] == literal > 0) {
                    return clause;
                }
            }
        }
    }
}
