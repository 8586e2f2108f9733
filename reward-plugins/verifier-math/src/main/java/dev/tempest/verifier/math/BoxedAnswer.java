package dev.tempest.verifier.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boxed answer of a completion: the content of its last complete {@code \boxed{...}} or
 * {@code \fbox{...}} (a box inside a box counts as its outer box), or of {@code \boxed 4} without
 * braces. Boxes that only "and", "or", commas, spacing and math delimiters separate from it
 * ({@code \boxed{-2} \text{ and } \boxed{1}}) are one answer with it, the set of their contents,
 * as Math-Verify reads them; any other text between two boxes makes the earlier one a draft. A
 * percent sign just after a box ({@code $\boxed{28}$ \%}) belongs to it.
 */
final class BoxedAnswer {

    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)(?:\\s*\\{|\\s+(?=[^\\s{]))");
    private static final Pattern UNBRACED_CONTENT = Pattern.compile("[^\\s$]+");
    // What may stand between two boxes of one answer; bounded, since it is tried between every two boxes
    // ... and "y_2 =", the label of the next box in "y_1 = \boxed{...} and y_2 = \boxed{...}"
    private static final Pattern JOINER = Pattern.compile("(?:\\s|\\$|,|;|\\\\[()\\[\\],;: ]|\\\\q?quad|and|or"
            + "|\\\\(?:text|mathrm)\\s*\\{\\s*(?:and|or|,)?\\s*\\}|[A-Za-z](?:_\\{?\\w*\\}?)?\\s*=)*");
    private static final int MAX_JOINER_CHARS = 200;
    private static final Pattern PERCENT_AFTER = Pattern.compile("\\s*\\$?\\s*(?:\\\\?%|percent\\b|pct\\b)");

    /** A box, or several joined: where the first starts and the last ends, and the answer they hold. */
    record Box(int start, int end, String content) {
    }

    /** One complete box in the text: where it starts and ends, and where its content does. */
    private record Span(int start, int contentStart, int contentEnd, int end) {
    }

    private BoxedAnswer() {
    }

    /** The last box, or the set of the last boxes joined by "and"; empty if there is no complete box. */
    static Optional<Box> last(String text) {
        if (!text.contains("\\boxed") && !text.contains("\\fbox")) {
            return Optional.empty();
        }
        List<Span> spans = outermostBoxes(text);
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        int first = spans.size() - 1;
        // No answer has more elements than a list may (AnswerParser.MAX_ITEMS); the walk stops there
        while (first > 0 && spans.size() - first < AnswerParser.MAX_ITEMS
                && joined(text, spans.get(first - 1), spans.get(first))) {
            first--;
        }
        List<String> contents = new ArrayList<>();
        for (Span span : spans.subList(first, spans.size())) {
            contents.add(withPercent(text, span));
        }
        String content = contents.size() == 1
                ? contents.get(0)
                : Answer.Group.SET_OPEN + String.join(", ", contents) + Answer.Group.SET_CLOSE;
        return Optional.of(new Box(spans.get(first).start(), spans.get(spans.size() - 1).end(), content));
    }

    private static List<Span> outermostBoxes(String text) {
        int[] closing = LatexBraces.closings(text);
        List<Span> spans = new ArrayList<>();
        Matcher box = BOX.matcher(text);
        while (box.find()) {
            if (!spans.isEmpty() && box.start() < spans.get(spans.size() - 1).end()) {
                continue;  // inside the previous box
            }
            int open = box.end() - 1;
            if (text.charAt(open) == '{') {
                if (closing[open] >= 0) {
                    spans.add(new Span(box.start(), open + 1, closing[open], closing[open] + 1));
                }
            } else {
                Matcher content = UNBRACED_CONTENT.matcher(text).region(box.end(), text.length());
                if (content.lookingAt()) {
                    spans.add(new Span(box.start(), box.end(), content.end(), content.end()));
                }
            }
        }
        return spans;
    }

    private static boolean joined(String text, Span earlier, Span later) {
        return later.start() - earlier.end() <= MAX_JOINER_CHARS
                && JOINER.matcher(text.substring(earlier.end(), later.start())).matches();
    }

    private static String withPercent(String text, Span span) {
        String content = text.substring(span.contentStart(), span.contentEnd());
        Matcher percent = PERCENT_AFTER.matcher(text).region(span.end(), text.length());
        return percent.lookingAt() ? content + "%" : content;
    }
}
