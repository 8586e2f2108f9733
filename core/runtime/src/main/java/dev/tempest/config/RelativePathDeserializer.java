package dev.tempest.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads a path string, resolved against the folder of the config file it appears in. */
final class RelativePathDeserializer extends StdScalarDeserializer<Path> {

    private final Path baseDir;

    RelativePathDeserializer(Path baseDir) {
        super(Path.class);
        this.baseDir = baseDir;
    }

    @Override
    public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Path) context.handleUnexpectedToken(Path.class, parser);
        }
        String text = parser.getText();
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            return (Path) context.handleWeirdStringValue(Path.class, text, "not a valid path");
        }
    }
}
