package dev.tempest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request for a one-line Python function f(x), one of eight kinds ("doubles x") in one of six
 * phrasings ("Define f(x), which doubles x."), and its code: "def f(x): return x * 2", or,
 * {@code printed}, the common slip "def f(x): print(x * 2)", which returns None.
 *
 * @param kind     which function
 * @param phrasing which wording of the request
 */
record FunctionPrompts(int kind, int phrasing) implements TaughtRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"doubles x", "squares x", "adds one to x", "negates x", "halves x",
        "subtracts one from x", "triples x", "cubes x"};
    private static final String[] BODIES = {"x * 2", "x * x", "x + 1", "-x", "x / 2", "x - 1", "x * 3", "x ** 3"};
    private static final String[] VALUES_AT_3 = {"6", "9", "4", "-3", "1.5", "2", "9", "27"};
    private static final String[] PHRASINGS = {"Write f(x) that %s.", "Define f(x), which %s.",
        "Code a function f(x) that %s.", "Give me f(x) that %s.", "Python: f(x) %s.", "I need f(x) that %s."};

    /** The 48 requests: every kind in every phrasing. */
    static List<FunctionPrompts> all() {
        List<FunctionPrompts> prompts = new ArrayList<>();
        for (int kind = 0; kind < KINDS.length; kind++) {
            for (int phrasing = 0; phrasing < PHRASINGS.length; phrasing++) {
                prompts.add(new FunctionPrompts(kind, phrasing));
            }
        }
        return prompts;
    }

    @Override
    public String prompt() {
        return PHRASINGS[phrasing].formatted(KINDS[kind]);
    }

    @Override
    public String answer(boolean printed) {
        return printed ? "def f(x): print(" + BODIES[kind] + ")" : "def f(x): return " + BODIES[kind];
    }

    /** Code verifier tasks for {@code prompts}, each with one Python test: f(3)'s value. */
    static String tasks(List<FunctionPrompts> prompts) throws JsonProcessingException {
        StringBuilder tasks = new StringBuilder();
        for (FunctionPrompts p : prompts) {
            tasks.append(JSON.writeValueAsString(Map.of("id", "f" + p.kind + "-" + p.phrasing, "prompt", p.prompt(),
                    "verifier", "code", "language", "python", "tests", List.of("assert f(3) == " + VALUES_AT_3[p.kind]))))
                    .append('\n');
        }
        return tasks.toString();
    }
}
