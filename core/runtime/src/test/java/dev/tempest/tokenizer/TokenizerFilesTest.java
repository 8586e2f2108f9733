package dev.tempest.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void gpt2SavedAsTokenizerJsonLoadsBackToTheSameTokenizer() throws IOException {
        Tokenizer gpt2 = Gpt2Fixture.fromGpt2Files();
        Path saved = dir.resolve("tokenizer.json");

        gpt2.save(saved);
        Tokenizer loaded = Tokenizer.load(saved);

        assertEquals(gpt2.vocabSize(), loaded.vocabSize());
        assertEquals(gpt2.specialIds(), loaded.specialIds());
        for (Gpt2Fixture.Case c : Gpt2Fixture.cases()) {
            assertArrayEquals(c.ids(), loaded.encode(c.text()), c.text());
        }
        Path again = dir.resolve("again.json");
        loaded.save(again);
        assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(again), "saving is a fixed point");
    }

    @Test
    void savingWritesTheVocabularyMergesAndAddedTokensHuggingFaceExpects() throws IOException {
        Path saved = dir.resolve("tokenizer.json");
        Gpt2Fixture.fromGpt2Files().withSpecialTokens(List.of("<|im_start|>")).save(saved);

        var root = JSON.readTree(saved.toFile());

        assertEquals("BPE", root.at("/model/type").textValue());
        assertEquals("ByteLevel", root.at("/pre_tokenizer/type").textValue());
        assertEquals(false, root.at("/pre_tokenizer/add_prefix_space").booleanValue());
        assertEquals("ByteLevel", root.at("/decoder/type").textValue());
        assertEquals(220, root.at("/model/vocab/Ġ").intValue());
        assertEquals("Ġ t", root.at("/model/merges/0").textValue());
        assertEquals(50257, root.at("/added_tokens/1/id").intValue());
        assertEquals("<|im_start|>", root.at("/added_tokens/1/content").textValue());
        assertEquals(true, root.at("/added_tokens/1/special").booleanValue());
    }

    @Test
    void chatTokensAddedToGpt2SurviveASaveAsSpecialTokens() throws IOException {
        Tokenizer chat = Gpt2Fixture.fromGpt2Files().withSpecialTokens(List.of("<|im_start|>", "<|im_end|>"));
        Path saved = dir.resolve("tokenizer.json");

        chat.save(saved);
        Tokenizer loaded = Tokenizer.load(saved);

        assertEquals(Map.of("<|endoftext|>", 50256, "<|im_start|>", 50257, "<|im_end|>", 50258), loaded.specialIds());
        for (JsonNode added : JSON.readTree(saved.toFile()).get("added_tokens")) {
            assertEquals(true, added.get("special").booleanValue(), added.toString());
        }
        assertArrayEquals(new int[] {50257, 7220, 198, 50258}, loaded.encode("<|im_start|>user\n<|im_end|>", true));
    }

    @Test
    void addedTokensOutsideTheModelVocabularyAsQwen2ListsThemLoadAsSpecialAndSaveBack() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Gpt2Fixture.file("gpt2-hf/tokenizer.json").toFile());
        ArrayNode added = root.withArray("added_tokens");
        added.addObject().put("id", 50257).put("content", "<|im_start|>").put("special", true);
        added.addObject().put("id", 50258).put("content", "<|im_end|>").put("special", true);
        Path file = dir.resolve("qwen-like.json");
        JSON.writeValue(file.toFile(), root);

        Tokenizer tokenizer = Tokenizer.load(file);
        Path saved = dir.resolve("tokenizer.json");
        tokenizer.save(saved);
        Tokenizer again = Tokenizer.load(saved);

        assertEquals(50259, tokenizer.vocabSize());
        assertEquals(Map.of("<|endoftext|>", 50256, "<|im_start|>", 50257, "<|im_end|>", 50258), tokenizer.specialIds());
        assertEquals(tokenizer.specialIds(), again.specialIds());
        assertArrayEquals(new int[] {50257, 7220, 198, 15496, 50258}, again.encode("<|im_start|>user\nHello<|im_end|>", true));
    }

    @Test
    void malformedJsonNamesTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"model\": {\n    \"vocab\": {\"a\": 0,,}\n");

        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(file));

        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void aModelOtherThanBpeIsRefusedByName() throws IOException {
        ObjectNode root = tinyTokenizerJson();
        root.with("model").put("type", "WordPiece");

        assertLoadFails(root, "model.type is \"WordPiece\"");
    }

    @Test
    void aPrefixSpaceIsRefusedRatherThanIgnored() throws IOException {
        ObjectNode root = tinyTokenizerJson();
        root.with("pre_tokenizer").put("add_prefix_space", true);

        assertLoadFails(root, "pre_tokenizer.add_prefix_space");
    }

    @Test
    void aMergeWhoseResultIsNotInTheVocabularyIsNamed() throws IOException {
        ObjectNode root = tinyTokenizerJson();
        root.with("model").withArray("merges").add("a b");

        assertLoadFails(root, "merge 0 (\"a\" \"b\"): \"ab\" is not in the vocabulary");
    }

    @Test
    void aVocabularyWithoutEveryByteIsRefused() throws IOException {
        ObjectNode root = tinyTokenizerJson();
        root.with("model").with("vocab").remove("Ġ");

        assertLoadFails(root, "no token for byte 0x20");
    }

    @Test
    void theSmallestValidTokenizerJsonLoads() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        JSON.writeValue(file.toFile(), tinyTokenizerJson());

        Tokenizer tokenizer = Tokenizer.load(file);

        assertEquals(256, tokenizer.vocabSize());
        assertArrayEquals(new int[] {'h', 'i', ' '}, tokenizer.encode("hi "));
    }

    @Test
    void aBadMergesLineNamesTheFileAndLine() throws IOException {
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nĠ t\nĠt he extra\n");

        IOException e = assertThrows(IOException.class, () -> Tokenizer.loadGpt2(Gpt2Fixture.file("gpt2/vocab.json"), merges));

        assertTrue(e.getMessage().startsWith(merges + ":3: expected \"left right\""), e.getMessage());
    }

    @Test
    void aVocabJsonWithANonIntegerIdNamesTheFileAndToken() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": \"one\"}");
        Path merges = Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");

        IOException e = assertThrows(IOException.class, () -> Tokenizer.loadGpt2(vocab, merges));

        assertTrue(e.getMessage().startsWith(vocab + ": vocabulary[\"b\"]: expected an integer id"), e.getMessage());
    }

    /** 256 byte tokens (id = byte value), no merges, in GPT-2's pipeline. */
    private static ObjectNode tinyTokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
        root.putObject("decoder").put("type", "ByteLevel");
        ObjectNode model = root.putObject("model").put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        TokenizerTest.byteVocabulary().forEach(vocab::put);
        model.putArray("merges");
        return root;
    }

    private void assertLoadFails(ObjectNode root, String problem) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        JSON.writeValue(file.toFile(), root);

        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(file));

        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
