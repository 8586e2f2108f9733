package dev.tempest.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenAI's GPT-2 release files: encoder.json (token -> id) and vocab.bpe (one "left right" merge a line). */
final class Gpt2Files {

    private static final String END_OF_TEXT = "<|endoftext|>";

    private Gpt2Files() {
    }

    static Tokenizer read(Path vocabJson, Path mergesTxt) throws IOException {
        Map<String, Integer> vocab;
        try {
            vocab = TokenizerJson.vocab(TokenizerJson.parse(vocabJson), "vocabulary");
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabJson + ": " + e.getMessage(), e);
        }
        List<Merge> merges = merges(mergesTxt);
        Integer endOfText = vocab.get(END_OF_TEXT);
        try {
            return new Tokenizer(vocab, merges, endOfText == null ? Map.of() : Map.of(END_OF_TEXT, endOfText));
        } catch (IllegalArgumentException e) {
            throw new IOException(vocabJson + " with " + mergesTxt + ": " + e.getMessage(), e);
        }
    }

    /** Merges in rank order; the "#version" header line and blank lines are skipped. */
    private static List<Merge> merges(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Merge> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            int lineNumber = i + 1;
            merges.add(Merge.parse(line).orElseThrow(() -> new IOException(
                    file + ":" + lineNumber + ": expected \"left right\" (two tokens, one space), got \"" + line + "\"")));
        }
        return merges;
    }
}
