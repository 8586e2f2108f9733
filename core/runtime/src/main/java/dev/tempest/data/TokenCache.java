package dev.tempest.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.run.AtomicFile;
import dev.tempest.run.FileDigest;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A data set tokenised once, for the run's later attempts: {@code tokenizer.json},
 * {@code tokens.bin} and {@code tokens.json}, which records the data set it was made from and
 * every file's length and checksum. A cache whose files are damaged is made again; one made
 * from a data set that has since changed is refused ({@link SourceChanged}), since a resumed
 * run would otherwise continue on other data.
 */
public final class TokenCache {

    /** The tokenizer trained on the data set, the data set as one token stream, and the rows read and rejected. */
    public record Contents(Tokenizer tokenizer, int[] tokens, long rows, long badRows) {
    }

    /** The data set differs from the one the cache was made from. */
    public static final class SourceChanged extends IOException {
        SourceChanged(Path source) {
            super(source + " changed since this run tokenised it (its length or checksum differs)");
        }
    }

    private record Manifest(FileDigest source, FileDigest tokenizer, FileDigest tokens, long rows, long badRows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tokenizerFile;
    private final Path tokensFile;
    private final Path manifestFile;

    public TokenCache(Path dir) {
        this.tokenizerFile = dir.resolve("tokenizer.json");
        this.tokensFile = dir.resolve("tokens.bin");
        this.manifestFile = dir.resolve("tokens.json");
    }

    /**
     * The cached tokens of {@code source}; empty when nothing usable is cached, with the reason
     * told to {@code notice} where there was a cache.
     *
     * @throws SourceChanged when the cache was made from another version of {@code source}
     */
    public Optional<Contents> read(Path source, Consumer<String> notice) throws IOException {
        if (!Files.exists(manifestFile)) {
            return Optional.empty();
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(manifestFile.toFile(), Manifest.class);
        } catch (IOException e) {
            notice.accept(manifestFile + " is damaged; tokenising again");
            return Optional.empty();
        }
        if (!FileDigest.of(source).equals(manifest.source())) {
            throw new SourceChanged(source);
        }
        String damage = manifest.tokenizer().mismatch(tokenizerFile);
        if (damage == null) {
            damage = manifest.tokens().mismatch(tokensFile);
        }
        if (damage != null) {
            notice.accept("the token cache is not usable (" + damage + "); tokenising again");
            return Optional.empty();
        }
        return Optional.of(new Contents(Tokenizer.load(tokenizerFile), TokenFile.read(tokensFile), manifest.rows(),
                manifest.badRows()));
    }

    /** Caches {@code contents}, made from {@code source}; the manifest last, so that its presence means all is whole. */
    public void write(Path source, Contents contents) throws IOException {
        Files.deleteIfExists(manifestFile);
        contents.tokenizer().save(tokenizerFile);
        TokenFile.write(tokensFile, contents.tokens());
        Manifest manifest = new Manifest(FileDigest.of(source), FileDigest.of(tokenizerFile), FileDigest.of(tokensFile),
                contents.rows(), contents.badRows());
        AtomicFile.write(manifestFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }
}
