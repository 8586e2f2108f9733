package dev.tempest.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The 100 sums of two digits the post-training tests teach, as (a, b). */
final class DigitSums {

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
}
