package dev.tempest.pipeline;

import dev.tempest.api.Task;
import dev.tempest.api.Verifier;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.EvalSettings;
import dev.tempest.config.InvalidFieldException;
import dev.tempest.eval.EvalReport;
import dev.tempest.eval.EvalSample;
import dev.tempest.eval.Evaluation;
import dev.tempest.model.LanguageModel;
import dev.tempest.model.ModelFolder;
import dev.tempest.model.TokenizerConfig;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.verify.TaskFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;

/**
 * What {@code tempest eval} and the eval stage share: how a model's prompts are rendered, the
 * verifiers its tasks name, and the evaluation itself with its report on the console.
 */
public final class ModelEvaluation {

    /** Answers shown on the console, the first of each of the first tasks: enough to see what the model says. */
    private static final int SHOWN = 3;
    private static final int SHOWN_LENGTH = 80;

    /** The chat_template setting that renders prompts as they are. */
    public static final String NO_TEMPLATE = "none";

    private ModelEvaluation() {
    }

    /**
     * The template prompts go through: {@code setting} by name, none for {@value #NO_TEMPLATE}, and
     * for null the one the model's folder names (none where it names none).
     *
     * @throws IllegalArgumentException for a name no template has
     */
    public static ChatTemplate template(String setting, ModelFolder folder) throws IOException {
        if (setting == null) {
            return TokenizerConfig.template(folder.dir()).orElse(null);
        }
        return setting.equals(NO_TEMPLATE) ? null : ChatTemplate.forName(setting);
    }

    /** Refuses a {@code chat_template} setting that names no template and is not {@value #NO_TEMPLATE}. */
    static void checkTemplate(String setting) {
        if (setting != null && !setting.equals(NO_TEMPLATE)) {
            try {
                ChatTemplate.forName(setting);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("chat_template", e.getMessage() + ", or " + NO_TEMPLATE);
            }
        }
    }

    /** The tasks of {@code file}, refused under {@code field} when it cannot be read as a task file. */
    static List<Task> tasks(Path file, String field) {
        try {
            return TaskFile.read(file);
        } catch (IOException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    /** Every verifier the tasks name, found before any answer is generated. */
    public static Map<String, Verifier> verifiers(List<Task> tasks, PluginHost plugins) throws PluginException {
        Map<String, Verifier> verifiers = new TreeMap<>();
        for (String id : Evaluation.verifierIds(tasks)) {
            verifiers.put(id, plugins.extension(Verifier.class, id));
        }
        return verifiers;
    }

    /** Evaluates {@code model} on {@code tasks}, printing what it does and the report. */
    public static EvalReport run(LanguageModel model, Tokenizer tokenizer, ChatTemplate template, List<Task> tasks,
                                 Map<String, Verifier> verifiers, EvalSettings settings, long seed, PrintWriter console) {
        console.printf("  %,d tasks x %d answers (%s, at most %d new tokens), prompts %s%n", tasks.size(),
                settings.samples(), settings.temperature() == 0 ? "greedy" : "temperature " + settings.temperature(),
                settings.maxTokens(), template == null ? "as they are" : "through the " + template.name() + " template");
        List<List<EvalSample>> samples;
        try (ConsoleProgress progress = new ConsoleProgress("eval", "answers", (long) tasks.size() * settings.samples())) {
            samples = new Evaluation(model, tokenizer, template, verifiers).run(tasks, settings, seed,
                    done -> progress.stepTo(done, ""));
        }
        for (List<EvalSample> task : samples.subList(0, Math.min(SHOWN, samples.size()))) {
            EvalSample first = task.get(0);
            console.printf("  %s: %s -> %s (%s)%n", first.taskId(), quoted(first.completion()), first.verdict().status(),
                    first.verdict().reason());
        }
        EvalReport report = EvalReport.of(samples);
        report.lines().forEach(line -> console.println("  " + line));
        return report;
    }

    /** An answer on one line, cut to a screen's width. */
    private static String quoted(String text) {
        String line = text.replace("\n", "\\n");
        return "\"" + (line.length() > SHOWN_LENGTH ? line.substring(0, SHOWN_LENGTH) + "..." : line) + "\"";
    }
}
