package dev.tempest.verifier.math;

import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a completion: the last complete {@code \boxed{...}} or
 * {@code \fbox{...}}, else the rest of the line after the last {@code ####}, else what follows
 * the last "answer is" or "answer:" up to the end of its sentence or line, else (only with
 * {@code lastNumberFallback}) the last number in the text. The text is returned raw, for
 * {@link AnswerNormalizer}; an empty box is returned as empty text, not skipped, because the model
 * did mark it as its answer.
 */
final class AnswerExtractor {

    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
    private static final String GSM8K_MARKER = "####";
    // "The answer is", "the final answer is", "Answer:", "**Answer:**"
    private static final Pattern ANSWER_PHRASE = Pattern.compile("(?i)\\banswer\\s*(?:is\\b|:)");
    // Around the phrase's answer: "Answer:** 42**", "The answer is\n\n42"
    private static final String PHRASE_PUNCTUATION = " \t\r\n:*";
    // The phrase's answer ends with its sentence (a stop before a space, so 3.5 stays whole) or its line
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");
    private static final Pattern NUMBER = Pattern.compile("[-\u2212]?\\d+(?:,\\d{3})*(?:\\.\\d+)?");

    private final boolean lastNumberFallback;

    AnswerExtractor(boolean lastNumberFallback) {
        this.lastNumberFallback = lastNumberFallback;
    }

    /** The final answer's text, or empty if the completion gives none. */
    Optional<String> extract(String completion) {
        Optional<String> answer = lastBox(completion)
                .or(() -> afterLastMarker(completion))
                .or(() -> afterLastPhrase(completion));
        return lastNumberFallback ? answer.or(() -> lastNumber(completion)) : answer;
    }

    private static Optional<String> lastBox(String text) {
        int[] closing = LatexBraces.closings(text);
        List<MatchResult> boxes = BOX.matcher(text).results().toList();
        for (int i = boxes.size() - 1; i >= 0; i--) {
            int open = boxes.get(i).end() - 1;
            if (closing[open] >= 0) {
                return Optional.of(text.substring(open + 1, closing[open]));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> afterLastMarker(String text) {
        int marker = text.lastIndexOf(GSM8K_MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        int start = marker + GSM8K_MARKER.length();
        int end = text.indexOf('\n', start);
        return Optional.of(text.substring(start, end < 0 ? text.length() : end));
    }

    private static Optional<String> afterLastPhrase(String text) {
        // The last phrase by where it starts: in "Final Answer: The final answer is 5." that is "answer is"
        Matcher phrase = ANSWER_PHRASE.matcher(text);
        int end = -1;
        while (phrase.find()) {
            end = phrase.end();
        }
        if (end < 0) {
            return Optional.empty();
        }
        int start = end;
        while (start < text.length() && PHRASE_PUNCTUATION.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        int lineEnd = text.indexOf('\n', start);
        String line = text.substring(start, lineEnd < 0 ? text.length() : lineEnd);
        Matcher stop = SENTENCE_END.matcher(line);
        String answer = stop.find() ? line.substring(0, stop.start()) : line;
        int answerEnd = answer.length();
        while (answerEnd > 0 && PHRASE_PUNCTUATION.indexOf(answer.charAt(answerEnd - 1)) >= 0) {
            answerEnd--;
        }
        return Optional.of(answer.substring(0, answerEnd));
    }

    private static Optional<String> lastNumber(String text) {
        return NUMBER.matcher(text).results().reduce((first, second) -> second).map(MatchResult::group);
    }
}
