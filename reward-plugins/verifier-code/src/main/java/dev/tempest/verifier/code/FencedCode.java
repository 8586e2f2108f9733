package dev.tempest.verifier.code;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code in a completion: the last fenced block tagged python, py, javascript, js or java, or
 * untagged; the whole completion if it has no such block. Blocks with other tags (text, bash,
 * output) are skipped: they show output or commands, not the answer. A block cut off before its
 * closing fence runs to the end of the completion.
 */
final class FencedCode {

    private static final Set<String> CODE_TAGS = Set.of("", "python", "py", "javascript", "js", "java");
    private static final Pattern BLOCK = Pattern.compile("^```[ \\t]*([\\w+-]*)[^\\n]*\\n(.*?)(?:^```|\\z)",
            Pattern.MULTILINE | Pattern.DOTALL);

    private FencedCode() {
    }

    /** The code, or empty when there is none (a blank completion or an empty block). */
    static Optional<String> extract(String completion) {
        String code = completion;
        Matcher block = BLOCK.matcher(completion);
        while (block.find()) {
            if (CODE_TAGS.contains(block.group(1).toLowerCase(Locale.ROOT))) {
                code = block.group(2);
            }
        }
        return code.isBlank() ? Optional.empty() : Optional.of(code.stripTrailing());
    }
}
