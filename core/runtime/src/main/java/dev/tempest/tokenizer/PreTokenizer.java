package dev.tempest.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's split of text into pieces that BPE never merges across: lower-case English
 * contractions, letter runs, number runs and punctuation runs (each may take one leading
 * space), then whitespace. {@code \s+(?!\S)} leaves the last space of a run to the word after
 * it, so " x" stays one piece; java.util.regex backtracks into it exactly as Python's regex does.
 *
 * <p>{@code \s} is Unicode White_Space (UNICODE_CHARACTER_CLASS; plain Java {@code \s} is
 * ASCII-only), as in Hugging Face tokenizers. JavaScript encoders differ on U+0085 and U+FEFF only.
 */
final class PreTokenizer {

    static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {
    }

    /** Feeds the pieces of {@code text} in order; they concatenate back to it, as every character matches. */
    static void forEachPiece(String text, Consumer<String> onPiece) {
        Matcher matcher = GPT2.matcher(text);
        while (matcher.find()) {
            onPiece.accept(matcher.group());
        }
    }
}
