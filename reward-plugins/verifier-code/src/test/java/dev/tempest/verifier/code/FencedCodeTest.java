package dev.tempest.verifier.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FencedCodeTest {

    @Test
    void takesTheLastCodeBlockAndSkipsBlocksOfOtherKinds() {
        String completion = String.join("\n",
                "First try:",
                "```python",
                "def add(a, b): return a - b",
                "```",
                "Fixed:",
                "```py",
                "def add(a, b):",
                "    return a + b",
                "```",
                "Output:",
                "```text",
                "3",
                "```");

        assertEquals(Optional.of("def add(a, b):\n    return a + b"), FencedCode.extract(completion));
    }

    @Test
    void acceptsUntaggedAndJavaScriptAndJavaBlocks() {
        assertEquals(Optional.of("x = 1"), FencedCode.extract("```\nx = 1\n```"));
        assertEquals(Optional.of("let x = 1;"), FencedCode.extract("Here:\n```js\nlet x = 1;\n```\n"));
        assertEquals(Optional.of("class A {}"), FencedCode.extract("```Java\nclass A {}\n```"));
    }

    @Test
    void withoutABlockTheWholeCompletionIsTheCode() {
        assertEquals(Optional.of("def f():\n    return 1"), FencedCode.extract("def f():\n    return 1\n"));
    }

    @Test
    void aBlockCutOffBeforeItsClosingFenceRunsToTheEnd() {
        assertEquals(Optional.of("def f():\n    return 1"), FencedCode.extract("Sure.\n```python\ndef f():\n    return 1\n"));
    }

    @Test
    void blankCompletionsAndEmptyBlocksHaveNoCode() {
        assertEquals(Optional.empty(), FencedCode.extract("  \n "));
        assertEquals(Optional.empty(), FencedCode.extract("I cannot solve this.\n```python\n\n```"));
    }
}
