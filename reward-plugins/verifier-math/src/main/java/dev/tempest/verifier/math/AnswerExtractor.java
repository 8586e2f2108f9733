package dev.tempest.verifier.math;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a completion. Marked answers first, in this order: the boxed answer
 * ({@link BoxedAnswer}) or Minerva's closing sentence "The final answer is X. I hope it is
 * correct.", whichever comes later; else the rest of the line after the last {@code ####} (GSM8K);
 * else what follows the last "answer is" or "answer:" (any case) up to the end of its sentence or
 * line, or the display block that follows it; of that, what follows the " is " that ends a subject
 * without digits ("Final Answer: The largest $n$ is 34"), and of prose its first number ("Jane
 * started 3 hours ago"). Then, unless a marker is required, the unmarked answer
 * ({@link UnmarkedAnswer}). The text is returned raw, for {@link AnswerNormalizer}; an empty box is
 * returned as empty text, not skipped, because the model did mark it as its answer.
 */
final class AnswerExtractor {

    private static final String GSM8K_MARKER = "####";
    // Minerva's closing sentence: "final answer is X. I hope", X at most this long
    private static final String CLOSING_START = "final answer is";
    private static final String CLOSING_END = "I hope";
    private static final int MAX_CLOSING_ANSWER_CHARS = 500;
    private static final Pattern CLOSING_ANSWER = Pattern.compile("(?is):?\\s*(.*?)\\.?\\s*");
    // "The answer is", "the final answer is", "Answer:", "**Answer:**"
    private static final Pattern ANSWER_PHRASE = Pattern.compile("(?i)\\banswer\\s*(?:is\\b|:)");
    // Around the phrase's answer: "Answer:** 42**", "The answer is\n\n42"
    private static final String PHRASE_PUNCTUATION = " \t\r\n:*";
    // The phrase's answer ends with its sentence (a stop before a space, so 3.5 stays whole) or its line
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");
    // "The largest $n$ is 34": the subject is words; in "3, which is 5 more" it holds the answer
    private static final Pattern SUBJECT_IS = Pattern.compile("(?i)[^0-9]*\\sis\\s");
    // Two words of prose: "Jane started growing Sphere 3 hours ago" holds its answer rather than being it
    private static final Pattern PROSE = Pattern.compile("(?<![\\\\A-Za-z])[A-Za-z]{3,}\\s+[A-Za-z]{3,}(?![A-Za-z])");
    private static final String[][] DISPLAY_BLOCKS = {{"\\[", "\\]"}, {"$$", "$$"}};

    private AnswerExtractor() {
    }

    /** The final answer's text, or empty if the completion gives none (with {@code requireMarker}, none marked). */
    static Optional<String> extract(String completion, boolean requireMarker) {
        Optional<String> marked = marked(completion);
        return marked.isPresent() || requireMarker ? marked : UnmarkedAnswer.find(completion);
    }

    /** A marked answer only: a box or Minerva's closing sentence, ####, or an answer phrase. */
    static Optional<String> marked(String text) {
        return boxOrClosingSentence(text)
                .or(() -> afterLastMarker(text))
                .or(() -> afterLastPhrase(text));
    }

    /**
     * Minerva's "Final Answer: The final answer is $X$. I hope it is correct." is as explicit as a
     * box: of the two, the later is the final answer (boxes before it were intermediate results).
     */
    private static Optional<String> boxOrClosingSentence(String text) {
        Optional<BoxedAnswer.Box> box = BoxedAnswer.last(text);
        int end = text.lastIndexOf(CLOSING_END);
        int start = end < 0 ? -1 : closingStart(text, end);
        if (start >= 0 && (box.isEmpty() || box.get().start() < start)) {
            Matcher answer = CLOSING_ANSWER.matcher(text.substring(start + CLOSING_START.length(), end));
            return Optional.of(answer.matches() ? answer.group(1) : "");
        }
        return box.map(BoxedAnswer.Box::content);
    }

    /** Where "final answer is" (any case) starts within reach before {@code end}, or -1. */
    private static int closingStart(String text, int end) {
        int earliest = Math.max(0, end - CLOSING_START.length() - MAX_CLOSING_ANSWER_CHARS);
        for (int i = end - CLOSING_START.length(); i >= earliest; i--) {
            if (text.regionMatches(true, i, CLOSING_START, 0, CLOSING_START.length())) {
                return i;
            }
        }
        return -1;
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
        for (String[] block : DISPLAY_BLOCKS) {
            int close = text.startsWith(block[0], start) ? text.indexOf(block[1], start + block[0].length()) : -1;
            if (close >= 0) {
                return Optional.of(text.substring(start + block[0].length(), close));
            }
        }
        int lineEnd = text.indexOf('\n', start);
        String line = text.substring(start, lineEnd < 0 ? text.length() : lineEnd);
        Matcher stop = SENTENCE_END.matcher(line);
        String answer = stop.find() ? line.substring(0, stop.start()) : line;
        Matcher subject = SUBJECT_IS.matcher(answer);
        if (subject.lookingAt()) {
            answer = answer.substring(subject.end());
        }
        if (PROSE.matcher(answer).find()) {
            answer = UnmarkedAnswer.firstNumber(answer).orElse(answer);
        }
        int answerEnd = answer.length();
        while (answerEnd > 0 && PHRASE_PUNCTUATION.indexOf(answer.charAt(answerEnd - 1)) >= 0) {
            answerEnd--;
        }
        return Optional.of(answer.substring(0, answerEnd));
    }
}
