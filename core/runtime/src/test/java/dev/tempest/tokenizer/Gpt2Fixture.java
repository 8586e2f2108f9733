package dev.tempest.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** GPT-2's tokenizer files and reference cases from src/test/resources/tokenizers (see gpt2/README.md there). */
public final class Gpt2Fixture {

    /** One line of cases.jsonl: text and the ids GPT-2's reference encoder gives it. */
    public record Case(int line, String text, int[] ids) {
    }

    private static Tokenizer fromGpt2Files;
    private static Tokenizer fromTokenizerJson;

    private Gpt2Fixture() {
    }

    static Path file(String name) {
        try {
            return Path.of(Gpt2Fixture.class.getResource("/tokenizers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loaded once: the vocabulary is 50,257 tokens and several tests share it. */
    public static synchronized Tokenizer fromGpt2Files() {
        if (fromGpt2Files == null) {
            fromGpt2Files = load(() -> Tokenizer.loadGpt2(file("gpt2/vocab.json"), file("gpt2/merges.txt")));
        }
        return fromGpt2Files;
    }

    static synchronized Tokenizer fromTokenizerJson() {
        if (fromTokenizerJson == null) {
            fromTokenizerJson = load(() -> Tokenizer.load(file("gpt2-hf/tokenizer.json")));
        }
        return fromTokenizerJson;
    }

    public static List<Case> cases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file("gpt2/cases.jsonl"));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = json.readTree(lines.get(i));
            int[] ids = new int[node.get("ids").size()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = node.get("ids").get(j).intValue();
            }
            cases.add(new Case(i + 1, node.get("text").textValue(), ids));
        }
        return cases;
    }

    private interface Loader {
        Tokenizer load() throws IOException;
    }

    private static Tokenizer load(Loader loader) {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
