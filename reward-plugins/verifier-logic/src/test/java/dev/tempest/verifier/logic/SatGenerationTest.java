package dev.tempest.verifier.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tempest.api.Verdict;
import dev.tempest.api.VerdictStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.TimeoutException;

/** Generated SAT puzzles, checked against Sat4j driven directly from the task's JSON. */
class SatGenerationTest {

    private final LogicVerifier verifier = new LogicVerifier();

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void generatedPuzzleHasExactlyOneModel(long seed) throws Exception {
        assertEquals(1, models(GeneratedTask.of("sat", seed), 2).size());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyClauseIsNeededForUniqueness(long seed) throws Exception {
        GeneratedTask generated = GeneratedTask.of("sat", seed);
        List<List<String>> clauses = clauses(generated);
        for (int i = 0; i < clauses.size(); i++) {
            List<List<String>> fewer = new ArrayList<>(clauses);
            fewer.remove(i);
            assertEquals(2, models(generated.list("variables"), fewer, 2).size(), "without clause " + (i + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theSolversModelVerifiesCorrect(long seed) throws Exception {
        GeneratedTask generated = GeneratedTask.of("sat", seed);
        Map<String, Boolean> model = models(generated, 1).get(0);
        Verdict verdict = verifier.verify(generated.task(), "Checking each clause... Answer:\n" + render(model));
        assertEquals(VerdictStatus.CORRECT, verdict.status(), verdict.reason());
        assertEquals(1.0, verdict.score());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void flippingAnyOneVariableVerifiesIncorrect(long seed) throws Exception {
        GeneratedTask generated = GeneratedTask.of("sat", seed);
        Map<String, Boolean> model = models(generated, 1).get(0);
        for (String variable : model.keySet()) {
            Map<String, Boolean> flipped = new LinkedHashMap<>(model);
            flipped.put(variable, !model.get(variable));
            Verdict verdict = verifier.verify(generated.task(), render(flipped));
            assertEquals(VerdictStatus.INCORRECT, verdict.status(), "flipped " + variable);
            assertEquals(0.0, verdict.score());
            assertTrue(verdict.reason().matches("clause \\d+ \\(.*\\) is false .*"), verdict.reason());
        }
    }

    private static String render(Map<String, Boolean> assignment) {
        return assignment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> clauses(GeneratedTask generated) {
        return (List<List<String>>) generated.puzzle().get("clauses");
    }

    private static List<Map<String, Boolean>> models(GeneratedTask generated, int limit) throws TimeoutException {
        return models(generated.list("variables"), clauses(generated), limit);
    }

    /** Up to {@code limit} models, by variable name: solve, block the model, solve again. */
    private static List<Map<String, Boolean>> models(List<String> variables, List<List<String>> clauses, int limit)
            throws TimeoutException {
        ISolver solver = SolverFactory.newDefault();
        solver.newVar(variables.size());
        List<Map<String, Boolean>> models = new ArrayList<>();
        try {
            for (List<String> clause : clauses) {
                solver.addClause(new VecInt(clause.stream()
                        .mapToInt(l -> l.startsWith("-") ? -number(variables, l.substring(1)) : number(variables, l))
                        .toArray()));
            }
            while (models.size() < limit && solver.isSatisfiable()) {
                Map<String, Boolean> model = new LinkedHashMap<>();
                int[] blocking = new int[variables.size()];
                for (int v = 1; v <= variables.size(); v++) {
                    model.put(variables.get(v - 1), solver.model(v));
                    blocking[v - 1] = solver.model(v) ? -v : v;
                }
                models.add(model);
                solver.addClause(new VecInt(blocking));
            }
        } catch (ContradictionException e) {
            // Sat4j saw while adding a clause that no (further) model exists.
        }
        return models;
    }

    private static int number(List<String> variables, String name) {
        int v = variables.indexOf(name) + 1;
        assertTrue(v > 0, name + " is not declared");
        return v;
    }
}
