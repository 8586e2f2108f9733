package dev.tempest.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreTokenizerTest {

    @Test
    void contractionsAreLowerCaseOnly() {
        assertEquals(List.of("I", "'ll", " don", "'t", " DON", "'", "T"), pieces("I'll don't DON'T"));
    }

    @Test
    void aWhitespaceRunLeavesItsLastSpaceToTheNextWord() {
        assertEquals(List.of("a", "  ", " b", "   "), pieces("a   b   "));
        assertEquals(List.of("x", "\n\n", " y"), pieces("x\n\n y"));
    }

    @Test
    void lettersOfAnyScriptStayTogetherApartFromNumbersAndPunctuation() {
        assertEquals(List.of("abc", "123", "def", " 4", ".", "5", "?!", " ...", " é中文"), pieces("abc123def 4.5?! ... é中文"));
    }

    @Test
    void unicodeWhitespaceIsWhitespace() {
        // U+3000 and U+00A0 are White_Space but not the ASCII space that " ?\p{L}+" may take along.
        assertEquals(List.of("a", "\u3000", "b", "\u00a0", "c"), pieces("a\u3000b\u00a0c"));
    }

    @Test
    void piecesConcatenateBackToAnyText() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x1F600) : " \t\n'az09.,é"
                        .charAt(random.nextInt(11)));
            }
            assertEquals(text.toString(), String.join("", pieces(text.toString())));
        }
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        PreTokenizer.forEachPiece(text, pieces::add);
        return pieces;
    }
}
