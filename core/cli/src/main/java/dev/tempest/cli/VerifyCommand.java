package dev.tempest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.api.Task;
import dev.tempest.api.Verdict;
import dev.tempest.api.Verifier;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.run.AtomicFile;
import dev.tempest.verify.BatchReport;
import dev.tempest.verify.Check;
import dev.tempest.verify.CheckResult;
import dev.tempest.verify.Completion;
import dev.tempest.verify.TaskFile;
import dev.tempest.verify.VerifierRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest verify}: scores completions with verifier plugins, as the RLVR stage does. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Scores completions of tasks with their verifiers, each call under a deadline. "
                + "Also how a plugin author tries a verifier.")
final class VerifyCommand implements Callable<Integer> {

    private static final int MAX_JOBS = 1024;
    private static final double MIN_TIMEOUT_SECONDS = 0.001;  // the deadline is kept in milliseconds
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    @Spec CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "FILE",
            description = "Tasks, JSONL: {\"id\", \"prompt\", \"verifier\", ...fields the verifier needs}.")
    Path tasks;

    @Option(names = "--completions", required = true, paramLabel = "FILE",
            description = "Completions, JSONL: {\"id\": task id, \"completion\": text}; several per task allowed.")
    Path completions;

    @Option(names = "--verifier", paramLabel = "ID",
            description = "Use this verifier for every task. Default: each task's own \"verifier\" field.")
    String verifierId;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Deadline of each verifier call, " + MIN_TIMEOUT_SECONDS + " to " + MAX_TIMEOUT_SECONDS
                    + ". Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Calls at once, 1 to " + MAX_JOBS + ". Default: the number of cores.")
    Integer jobs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write every verdict as JSONL (not to the task or completions file).")
    Path out;

    @Override
    public Integer call() throws PluginException, RunException {
        checkOptions();
        List<Task> taskList = read(() -> TaskFile.read(tasks));
        List<Completion> completionList = read(() -> Completion.read(completions));
        PrintWriter console = spec.commandLine().getOut();
        try (PluginHost plugins = Tempest.openPlugins(spec);
             VerifierRunner runner = new VerifierRunner(jobs != null ? jobs : Runtime.getRuntime().availableProcessors(),
                     Duration.ofMillis(Math.round(timeoutSeconds * 1000)))) {
            List<Check> checks = checks(plugins, taskList, completionList);
            BatchReport report = runner.verifyAll(checks);
            for (CheckResult result : report.results()) {
                Verdict verdict = result.verdict();
                console.printf("%-12s %-9s %.3f  %s%n", result.check().task().id(), verdict.status(), verdict.score(),
                        verdict.reason().lines().findFirst().orElse(""));
            }
            console.println(summary(report));
            if (out != null) {
                write(report);
            }
        }
        console.flush();
        return ExitCodes.OK;
    }

    /** Refuses option values that cannot be meant, before any file is read, naming the value as given. */
    private void checkOptions() {
        if (jobs != null && (jobs < 1 || jobs > MAX_JOBS)) {
            throw usage("--jobs must be from 1 to " + MAX_JOBS + ", got " + given("--jobs"));
        }
        if (!(timeoutSeconds >= MIN_TIMEOUT_SECONDS && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {  // NaN too
            throw usage("--timeout must be from " + MIN_TIMEOUT_SECONDS + " to " + MAX_TIMEOUT_SECONDS + " seconds, got "
                    + given("--timeout"));
        }
        if (out != null) {
            refuseToOverwrite(tasks, "--task");
            refuseToOverwrite(completions, "--completions");
        }
    }

    private void refuseToOverwrite(Path input, String option) {
        try {
            if (Files.exists(out) && Files.isSameFile(out, input)) {
                throw usage("--out " + out + " is the " + option + " file; the verdicts would replace it: write them to another file");
            }
        } catch (IOException e) {
            throw usage("--out " + out + ": cannot compare it with the " + option + " file: " + e.getMessage());
        }
    }

    /** The option's value as typed, which for a number may differ from how Java prints it. */
    private String given(String option) {
        List<String> values = spec.findOption(option).originalStringValues();
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private List<Check> checks(PluginHost plugins, List<Task> taskList, List<Completion> completionList)
            throws PluginException, RunException {
        Map<String, Task> byId = new HashMap<>();
        taskList.forEach(task -> byId.put(task.id(), task));
        Map<String, Verifier> verifiers = new HashMap<>();
        List<Check> checks = new ArrayList<>();
        for (Completion completion : completionList) {
            Task task = byId.get(completion.taskId());
            if (task == null) {
                throw new RunException(completion.at() + ": no task with id \"" + completion.taskId() + "\" in " + tasks);
            }
            String id = verifierId != null ? verifierId : task.verifier();
            if (!verifiers.containsKey(id)) {
                verifiers.put(id, plugins.extension(Verifier.class, id));
            }
            checks.add(new Check(verifiers.get(id), task, completion.text()));
        }
        return checks;
    }

    /** {@code 12 completions: 8 CORRECT, 4 INCORRECT, ...; mean score 0.667; per call mean 12 ms, max 40 ms}. */
    static String summary(BatchReport report) {
        String counts = report.counts().entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
        return String.format("%d completions: %s; mean score %.3f; per call mean %d ms, max %d ms",
                report.results().size(), counts, report.meanScore(), report.meanTime().toMillis(),
                report.maxTime().toMillis());
    }

    private void write(BatchReport report) throws RunException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        try {
            for (CheckResult result : report.results()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", result.check().task().id());
                row.put("verifier", result.check().verifier().id());
                row.put("status", result.verdict().status().toString());
                row.put("score", result.verdict().score());
                row.put("reason", result.verdict().reason());
                row.put("ms", result.elapsed().toMillis());
                lines.append(json.writeValueAsString(row)).append('\n');
            }
            AtomicFile.write(out, lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunException(out + ": cannot write verdicts: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> T read(Reader<T> reader) throws RunException {
        try {
            return reader.read();
        } catch (IOException e) {
            throw new RunException(e.getMessage(), e);
        }
    }
}
