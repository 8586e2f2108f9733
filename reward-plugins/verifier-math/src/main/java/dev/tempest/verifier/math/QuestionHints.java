package dev.tempest.verifier.math;

import java.util.regex.Pattern;

/**
 * What the question asks that changes how an answer is compared. {@code asksForPercent}: a
 * reference of 50 then means 50%, so an answer of 50% is right and 0.5 is not; otherwise 50% is
 * also the fraction 0.5. {@code listsAreUnordered}: "Enter all the solutions, separated by
 * commas" asks for a set, so a bare list is compared without order; otherwise in order, as a
 * tuple.
 */
record QuestionHints(boolean asksForPercent, boolean listsAreUnordered) {

    private static final Pattern PERCENT = Pattern.compile("(?i)percent|%");
    private static final Pattern SEPARATED_BY_COMMAS = Pattern.compile("(?i)separated\\s+by\\s+commas");

    static QuestionHints of(String prompt) {
        return new QuestionHints(PERCENT.matcher(prompt).find(), SEPARATED_BY_COMMAS.matcher(prompt).find());
    }
}
