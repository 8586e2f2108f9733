package dev.tempest.verifier.logic;

import java.util.List;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/**
 * A formula in conjunctive normal form, DIMACS style: variables 1..n, literal {@code v} means
 * "v is true" and {@code -v} "v is false". The generators ask it one yes/no question, whether it
 * has exactly one model, so what they generate depends on their seed alone and never on which
 * model Sat4j happens to find first.
 */
final class Cnf {

    /** Far more than a puzzle-sized formula needs: these have at most 64 variables. */
    private static final int CONFLICT_BUDGET = 1_000_000;

    private final int variables;
    private final List<int[]> clauses;

    Cnf(int variables, List<int[]> clauses) {
        this.variables = variables;
        this.clauses = List.copyOf(clauses);
    }

    /** True iff exactly one assignment satisfies every clause: solve, block that model, and find no other. */
    boolean hasUniqueModel() {
        ISolver solver = SolverFactory.newDefault();
        // A conflict budget instead of the default wall-clock timeout, which starts a timer thread
        // per solve and so costs fifty times the solve itself on formulas this small.
        solver.setTimeoutOnConflicts(CONFLICT_BUDGET);
        solver.newVar(variables);
        try {
            if (!add(solver, clauses) || !solver.isSatisfiable()) {
                return false;
            }
            return !add(solver, List.of(blockingClause(solver))) || !solver.isSatisfiable();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Sat4j ran past " + CONFLICT_BUDGET + " conflicts on a formula of "
                    + variables + " variables and " + clauses.size() + " clauses", e);
        }
    }

    /** False if Sat4j finds the formula unsatisfiable while the clauses are added (clashing unit clauses). */
    private static boolean add(ISolver solver, List<int[]> clauses) {
        try {
            for (int[] clause : clauses) {
                solver.addClause(new VecInt(clause.clone())); // Sat4j may reorder the array it is given
            }
            return true;
        } catch (ContradictionException e) {
            return false;
        }
    }

    /** The clause that every assignment but the solver's current model satisfies. */
    private int[] blockingClause(ISolver solver) {
        int[] clause = new int[variables];
        for (int v = 1; v <= variables; v++) {
            clause[v - 1] = solver.model(v) ? -v : v;
        }
        return clause;
    }
}
