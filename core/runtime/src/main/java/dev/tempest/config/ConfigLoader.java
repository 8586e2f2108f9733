package dev.tempest.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads pipeline files, YAML or JSON (by extension), strictly: an unknown key, a value of the
 * wrong type, a missing required value, a broken rule or a duplicate key is a {@link ConfigException} naming
 * the file, line, column and field. Input paths in the file are resolved against its folder.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static PipelineConfig load(Path file) throws ConfigException {
        ObjectMapper mapper = mapperFor(file);
        LocatedTree tree = parse(file, mapper);
        Optional<String> explicitNull = tree.firstNull();
        if (explicitNull.isPresent()) {  // bound, it would silently mean "the default"
            throw ConfigErrors.at(file, tree, explicitNull.get(),
                    "has no value (null); write one, or leave the key out where it has a default");
        }
        try {
            PipelineConfig config = mapper.treeToValue(tree.root(), PipelineConfig.class);
            config.check();
            return config;
        } catch (JsonProcessingException e) {
            throw ConfigErrors.binding(file, tree, e);
        } catch (InvalidFieldException e) {
            throw ConfigErrors.at(file, tree, e.field(), e.getMessage());
        }
    }

    /**
     * The error for {@code field} of a file that loaded, placed where the field stands: for rules
     * that only the extensions a file names can check, after loading.
     */
    public static ConfigException errorAt(Path file, String field, String problem) {
        try {
            return ConfigErrors.at(file, parse(file, mapperFor(file)), field, problem);
        } catch (ConfigException changedSinceLoading) {
            return new ConfigException(file, 0, 0, field, problem);
        }
    }

    private static ObjectMapper mapperFor(Path file) {
        return strictMapper(isJson(file) ? new JsonFactory() : new YAMLFactory(), file.toAbsolutePath().getParent());
    }

    private static LocatedTree parse(Path file, ObjectMapper mapper) throws ConfigException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ConfigException(file, 0, 0, "", Files.isDirectory(file) ? "is a folder, not a pipeline file"
                    : "is not a regular file (a pipe or a device?); give a pipeline file");
        }
        try (JsonParser parser = mapper.createParser(Files.readAllBytes(file))) {
            return LocatedTree.parse(parser);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, 0, "", "no such file");
        } catch (JsonProcessingException e) {
            throw ConfigErrors.syntax(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** The configuration with every default filled in, as YAML: what {@code config show} prints. */
    public static String toYaml(PipelineConfig config) {
        ObjectMapper mapper = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL) // an unset value (threads: every core) stays unset
                .addModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
                .build();
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a loaded configuration always serialises", e);
        }
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".json");
    }

    private static ObjectMapper strictMapper(JsonFactory factory, Path baseDir) {
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new SimpleModule().addDeserializer(Path.class, new RelativePathDeserializer(baseDir)))
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }
}
