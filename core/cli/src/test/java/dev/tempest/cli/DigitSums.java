package dev.tempest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The 100 sums of two digits the post-training tests teach, as (a, b). */
final class DigitSums {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DigitSums() {
    }

    /** Every (a, b) of digits, in an order drawn from {@code random}. */
    static List<int[]> shuffled(Random random) {
        List<int[]> sums = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                sums.add(new int[] {a, b});
            }
        }
        Collections.shuffle(sums, random);
        return sums;
    }

    /**
     * A pre-training corpus of {@code rows} JSONL text rows, each a fact about one of {@code sums}
     * drawn from {@code random}: "3 plus 4 is 7." or "What is 3 plus 4? It is 7.", as often.
     */
    static String facts(Random random, List<int[]> sums, int rows) throws JsonProcessingException {
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int[] p = sums.get(random.nextInt(sums.size()));
            String fact = random.nextBoolean() ? p[0] + " plus " + p[1] + " is " + (p[0] + p[1]) + "."
                    : "What is " + p[0] + " plus " + p[1] + "? It is " + (p[0] + p[1]) + ".";
            corpus.append(JSON.writeValueAsString(Map.of("text", fact))).append('\n');
        }
        return corpus.toString();
    }
}
