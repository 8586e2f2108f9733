package dev.tempest.tokenizer;

import dev.tempest.run.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * GPT-2's byte-level BPE tokenizer: text -> pre-tokenizer pieces -> UTF-8 bytes -> merged
 * tokens, plus special tokens that stand for one id each. Every string encodes (any byte has a
 * token) and decodes back exactly. Immutable and safe to share between threads.
 */
public final class Tokenizer {

    // V = vocabulary size, special tokens included
    private final BpeModel model;
    private final String[] tokens;              // (V) id -> vocabulary string; a special token's is its text
    private final byte[][] bytes;               // (V) id -> the bytes decode emits for it
    private final Map<String, Integer> ids;     // vocabulary string -> id
    private final SpecialTokens specials;

    /**
     * A tokenizer over {@code vocab} (byte-level strings -> ids 0..V-1, special tokens may be in it)
     * and {@code merges} in rank order. Throws IllegalArgumentException saying what is inconsistent.
     */
    Tokenizer(Map<String, Integer> vocab, List<Merge> merges, Map<String, Integer> specialIds) {
        this(new BpeModel(vocab, merges), vocab, specialIds);
    }

    private Tokenizer(BpeModel model, Map<String, Integer> vocab, Map<String, Integer> specialIds) {
        this.model = model;
        this.specials = new SpecialTokens(specialIds);
        int size = 1 + IntStream.concat(vocab.values().stream().mapToInt(Integer::intValue),
                specialIds.values().stream().mapToInt(Integer::intValue)).max().orElse(-1);
        this.tokens = new String[size];
        vocab.forEach((token, id) -> place(token, id, "the vocabulary"));
        specialIds.forEach((text, id) -> {
            boolean alsoInVocabulary = id >= 0 && text.equals(tokens[id]);   // as GPT-2's <|endoftext|> is
            if (!alsoInVocabulary) {
                place(text, id, "special token");
            }
        });
        this.bytes = new byte[size][];
        this.ids = new HashMap<>(size * 2);
        for (int id = 0; id < size; id++) {
            if (tokens[id] == null) {
                throw new IllegalArgumentException(
                        "no token has id " + id + "; ids must run from 0 to " + (size - 1) + " without gaps");
            }
            boolean special = Integer.valueOf(id).equals(specialIds.get(tokens[id]));
            bytes[id] = special ? tokens[id].getBytes(StandardCharsets.UTF_8) : ByteLevel.toBytes(tokens[id]);
            Integer earlier = ids.put(tokens[id], id);
            if (earlier != null) {
                throw new IllegalArgumentException("\"" + tokens[id] + "\" has two ids, " + earlier + " and " + id);
            }
        }
    }

    private void place(String token, int id, String source) {
        if (id < 0) {
            throw new IllegalArgumentException(source + ": \"" + token + "\" has negative id " + id);
        }
        if (tokens[id] != null) {
            throw new IllegalArgumentException(
                    source + ": \"" + token + "\" has id " + id + ", which \"" + tokens[id] + "\" has already");
        }
        tokens[id] = token;
    }

    /** Reads a Hugging Face tokenizer.json with a byte-level BPE model; its added tokens become special tokens. */
    public static Tokenizer load(Path tokenizerJson) throws IOException {
        return TokenizerJson.read(tokenizerJson);
    }

    /** Reads GPT-2's own files (encoder.json and vocab.bpe); {@code <|endoftext|>}, if present, becomes a special token. */
    public static Tokenizer loadGpt2(Path vocabJson, Path mergesTxt) throws IOException {
        return Gpt2Files.read(vocabJson, mergesTxt);
    }

    /** Writes a Hugging Face tokenizer.json that {@link #load} (and HF tokenizers) read back to this tokenizer; atomically. */
    public void save(Path tokenizerJson) throws IOException {
        AtomicFile.write(tokenizerJson, TokenizerJson.write(this));
    }

    /**
     * This tokenizer with {@code texts} (say {@code <|im_start|>}, {@code <|im_end|>}) also special.
     * A text that is already a vocabulary string keeps its id, as GPT-2's {@code <|endoftext|>}
     * does; the others get new ids after the last one, in order.
     */
    public Tokenizer withSpecialTokens(List<String> texts) {
        Map<String, Integer> specialIds = new LinkedHashMap<>(specials.ids());
        Map<String, Integer> vocab = new LinkedHashMap<>(ids);
        for (String text : texts) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a special token cannot be empty");
            }
            if (!specialIds.containsKey(text)) {
                int id = vocab.computeIfAbsent(text, t -> vocab.size());   // ids are dense: the size is the next free one
                specialIds.put(text, id);
            }
        }
        return new Tokenizer(model, vocab, specialIds);
    }

    /** Same as {@code encode(text, false)}: text from users cannot smuggle in control tokens. */
    public int[] encode(String text) {
        return encode(text, false);
    }

    /**
     * The ids of {@code text}. With {@code allowSpecial}, special-token texts in it become their
     * ids; without, they are encoded as ordinary text, as GPT-2's reference encoder does.
     */
    public int[] encode(String text, boolean allowSpecial) {
        IntStream.Builder out = IntStream.builder();
        Consumer<String> encodeText = run -> PreTokenizer.forEachPiece(run, piece -> {
            for (int id : model.encode(piece)) {
                out.add(id);
            }
        });
        if (allowSpecial) {
            specials.split(text, encodeText, out::add);
        } else {
            encodeText.accept(text);
        }
        return out.build().toArray();
    }

    /** The text of {@code ids}; bytes that do not form whole UTF-8 characters (a cut-off sequence) become U+FFFD. */
    public String decode(int[] ids) {
        return new String(decodeBytes(ids), StandardCharsets.UTF_8);
    }

    /** The raw bytes of {@code ids}, for callers that stream output and must wait for a character's last byte. */
    public byte[] decodeBytes(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            if (id < 0 || id >= bytes.length) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + bytes.length + ")");
            }
            out.writeBytes(bytes[id]);
        }
        return out.toByteArray();
    }

    public int vocabSize() {
        return tokens.length;
    }

    public OptionalInt specialToken(String text) {
        return specials.id(text);
    }

    /** Vocabulary strings by id (byte-level, so ' ' shows as 'Ġ'; a special token's is its text). */
    List<String> tokens() {
        return Collections.unmodifiableList(Arrays.asList(tokens));
    }

    /** The texts that are special tokens, one id each. */
    public Set<String> specialTokens() {
        return specials.ids().keySet();
    }

    List<Merge> merges() {
        return model.merges();
    }

    Map<String, Integer> specialIds() {
        return specials.ids();
    }
}
