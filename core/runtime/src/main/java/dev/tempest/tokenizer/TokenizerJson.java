package dev.tempest.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hugging Face tokenizer.json, limited to what GPT-2 uses: a BPE model, ByteLevel pre-tokenizer
 * and decoder, no normalizer. Anything that would change the ids (a normalizer, a prefix space,
 * dropout...) is refused by name rather than silently ignored.
 */
final class TokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJson() {
    }

    static Tokenizer read(Path file) throws IOException {
        JsonNode root = parse(file);
        try {
            checkPipeline(root);
            JsonNode model = root.path("model");
            return new Tokenizer(vocab(model.path("vocab"), "model.vocab"), merges(model.path("merges")),
                    addedTokens(root.path("added_tokens")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static byte[] write(Tokenizer tokenizer) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        tokenizer.specialIds().forEach((text, id) -> added.addObject()
                .put("id", id).put("content", text).put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true));
        root.putNull("normalizer");
        byteLevel(root.putObject("pre_tokenizer"), false, true);
        // As in GPT-2's own file; in the post-processor and decoder these flags only trim offsets, never change ids.
        byteLevel(root.putObject("post_processor"), true, false);
        byteLevel(root.putObject("decoder"), true, true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token");
        model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "");
        model.put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        List<String> tokens = tokenizer.tokens();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        // "left right" strings, which every tokenizers version reads.
        ArrayNode merges = model.putArray("merges");
        tokenizer.merges().forEach(merge -> merges.add(merge.toString()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static void byteLevel(ObjectNode node, boolean addPrefixSpace, boolean trimOffsets) {
        node.put("type", "ByteLevel").put("add_prefix_space", addPrefixSpace).put("trim_offsets", trimOffsets).put("use_regex", true);
    }

    /** The JSON in {@code file}, or an IOException naming the file, line and column of a syntax error. */
    static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException(String.format("%s:%d:%d: not valid JSON: %s", file,
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.getOriginalMessage()), e);
        }
    }

    /** A {"token": id, ...} object; {@code where} names it in errors. */
    static Map<String, Integer> vocab(JsonNode node, String where) {
        expect(node.isObject(), where + ": expected an object of token -> id, got " + kind(node));
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode id = entry.getValue();
            expect(id.isIntegralNumber() && id.canConvertToInt(),
                    where + "[\"" + entry.getKey() + "\"]: expected an integer id, got " + id);
            vocab.put(entry.getKey(), id.intValue());
        }
        return vocab;
    }

    private static void checkPipeline(JsonNode root) {
        expect(root.isObject(), "expected a tokenizer.json object, got " + kind(root));
        JsonNode model = root.path("model");
        expect(model.isObject(), "model: missing; expected a BPE model");
        expect(model.path("type").asText("BPE").equals("BPE"),
                "model.type is " + model.get("type") + "; only BPE models are supported");
        expect(isAbsent(model.path("dropout")) || model.path("dropout").asDouble() == 0,
                "model.dropout is " + model.get("dropout") + "; dropout makes encoding random and is not supported");
        for (String affix : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            expect(model.path(affix).asText("").isEmpty(), "model." + affix + " is " + model.get(affix) + "; byte-level BPE uses none");
        }
        expect(!model.path("ignore_merges").asBoolean(false), "model.ignore_merges is true; only GPT-2's always-merge rule is supported");
        expect(isAbsent(root.path("normalizer")),
                "normalizer is " + root.get("normalizer") + "; normalizers are not supported (GPT-2 has none)");
        JsonNode pre = root.path("pre_tokenizer");
        expect(pre.path("type").asText().equals("ByteLevel"), "pre_tokenizer is " + pre + "; only ByteLevel is supported");
        // HF's defaults where the keys are missing: add_prefix_space true, use_regex true.
        expect(!pre.path("add_prefix_space").asBoolean(true), "pre_tokenizer.add_prefix_space must be false (GPT-2 adds no space)");
        expect(pre.path("use_regex").asBoolean(true), "pre_tokenizer.use_regex must be true (GPT-2 splits with its regex)");
        expect(root.path("decoder").path("type").asText().equals("ByteLevel"),
                "decoder is " + root.get("decoder") + "; only ByteLevel is supported");
    }

    /** Merges as "left right" strings (tokenizers < 0.20) or ["left", "right"] pairs (later versions). */
    private static List<Merge> merges(JsonNode node) {
        expect(node.isArray(), "model.merges: expected an array, got " + kind(node));
        List<Merge> merges = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode merge = node.get(i);
            Optional<Merge> parsed = merge.isTextual() ? Merge.parse(merge.textValue()) : pair(merge);
            int index = i;
            merges.add(parsed.orElseThrow(() -> new IllegalArgumentException(
                    "model.merges[" + index + "]: expected \"left right\" or [\"left\", \"right\"], got " + merge)));
        }
        return merges;
    }

    private static Optional<Merge> pair(JsonNode node) {
        boolean ok = node.isArray() && node.size() == 2 && node.get(0).isTextual() && node.get(1).isTextual()
                && !node.get(0).textValue().isEmpty() && !node.get(1).textValue().isEmpty();
        return ok ? Optional.of(new Merge(node.get(0).textValue(), node.get(1).textValue())) : Optional.empty();
    }

    /** Every added token is treated as special: matched whole in text, never split. */
    private static Map<String, Integer> addedTokens(JsonNode node) {
        expect(isAbsent(node) || node.isArray(), "added_tokens: expected an array, got " + kind(node));
        Map<String, Integer> specials = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "added_tokens[" + i + "]";
            JsonNode content = node.get(i).path("content");
            JsonNode id = node.get(i).path("id");
            expect(content.isTextual() && !content.textValue().isEmpty(), where + ".content: expected a non-empty string, got " + content);
            expect(id.isIntegralNumber() && id.canConvertToInt(), where + ".id: expected an integer, got " + id);
            for (String flag : List.of("single_word", "lstrip", "rstrip")) {
                expect(!node.get(i).path(flag).asBoolean(false), where + "." + flag + " is true; only exact matching is supported");
            }
            expect(specials.put(content.textValue(), id.intValue()) == null, where + ": \"" + content.textValue() + "\" is listed twice");
        }
        return specials;
    }

    private static boolean isAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String kind(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase();
    }

    private static void expect(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
