package dev.tempest.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.run.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model folder's {@code tokenizer_config.json}, where Hugging Face keeps the chat template a
 * model was fine-tuned with: Tempest writes its template there in Hugging Face's Jinja form, so
 * {@code apply_chat_template} renders what the model learned, and reads it back to render
 * prompts the same way.
 */
public final class TokenizerConfig {

    private static final String FILE = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerConfig() {
    }

    /**
     * Records that the model in {@code dir} talks through {@code template}, whose turns end with
     * {@code endOfTurn}, and the token Hugging Face pads its batches with ({@code padToken}; null for
     * none), which a reward model reads each sequence before.
     */
    public static void write(Path dir, ChatTemplate template, String endOfTurn, String padToken) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("chat_template", template.jinja());
        config.put("eos_token", endOfTurn);
        if (padToken != null) {
            config.put("pad_token", padToken);
        }
        config.put("tokenizer_class", "PreTrainedTokenizerFast"); // reads tokenizer.json, whatever the family
        AtomicFile.write(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
    }

    /** The template the model in {@code dir} was fine-tuned with; empty when it has none Tempest knows. */
    public static Optional<ChatTemplate> template(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode template = JSON.readTree(file.toFile()).path("chat_template");
        return template.isTextual() ? ChatTemplate.fromJinja(template.textValue()) : Optional.empty();
    }
}
