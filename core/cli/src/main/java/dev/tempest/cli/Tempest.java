package dev.tempest.cli;

import dev.tempest.config.ConfigException;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.plugin.PluginProblem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code tempest} command. */
@Command(name = "tempest",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains language models on the JVM: pre-training, SFT, RLHF and RLVR.",
        subcommands = {RunCommand.class, ConfigCommand.class, PluginsCommand.class, DevicesCommand.class, VerifyCommand.class,
                EvalCommand.class,
                TokenizerCommand.class, GenerateCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a fault in Tempest; please report it)",
            "2:usage error",
            "3:bad configuration file",
            "4:plugin failure",
            "5:run failure",
            "6:a check of tempest doctor failed"})
public final class Tempest implements Callable<Integer> {

    static final String PLUGINS_DIR_VARIABLE = "TEMPEST_PLUGINS_DIR";

    @Option(names = "--plugins-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of plugin jars. Default: $" + PLUGINS_DIR_VARIABLE
                    + ", else plugins/ in the Tempest installation.")
    Path pluginsDir;

    private final Map<String, String> environment;

    Tempest(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(System.getenv());
        int exitCode;
        try {
            exitCode = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            exitCode = outOfMemory(commandLine.getErr());
        }
        commandLine.getOut().flush();  // picocli's writers flush on println only: "config show" ends with print
        commandLine.getErr().flush();
        System.exit(exitCode);
    }

    /** The command line, with Tempest's error reporting and exit codes; {@code environment} as System.getenv(). */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new Tempest(environment));
        commandLine.setExecutionExceptionHandler(Tempest::report);
        commandLine.setParameterExceptionHandler(Tempest::reportUsage);
        return commandLine;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return ExitCodes.USAGE;
    }

    /** The plugins for subcommand {@code spec}: loaded by the root command, problems on the subcommand's err. */
    static PluginHost openPlugins(CommandSpec spec) throws PluginException {
        return ((Tempest) spec.root().userObject()).openPlugins(spec.commandLine().getErr());
    }

    /** Loads the plugins folder, printing one line to {@code err} for every jar that fails. */
    private PluginHost openPlugins(PrintWriter err) throws PluginException {
        Path dir = pluginsDir();
        if (!Files.isDirectory(dir)) {
            throw new PluginException("plugins folder " + dir + " does not exist");
        }
        PluginHost host = PluginHost.open(dir);
        for (PluginProblem problem : host.problems()) {
            err.println("tempest: " + problem);
        }
        err.flush();
        return host;
    }

    private Path pluginsDir() {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String fromEnvironment = environment.get(PLUGINS_DIR_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        String home = System.getProperty("tempest.home");
        return home != null ? Path.of(home, "plugins") : Path.of("plugins");
    }

    /** The JVM ran out of heap: say how to give it more, not a trace. */
    private static int outOfMemory(PrintWriter err) {
        err.printf("tempest: out of memory: this JVM may use at most %,d MiB; give it more with TEMPEST_OPTS=-Xmx<size>"
                + " (for example TEMPEST_OPTS=-Xmx16g), or make the model or the batch smaller%n",
                Runtime.getRuntime().maxMemory() >> 20);
        err.flush();
        return ExitCodes.RUN_FAILURE;
    }

    /** A usage error as one line, as every other error, pointing at the command's help rather than printing it. */
    private static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("tempest: " + e.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return outOfMemory(err);
            }
        }
        int code;
        if (e instanceof ConfigException) {
            code = ExitCodes.BAD_CONFIG;
        } else if (e instanceof PluginException) {
            code = ExitCodes.PLUGIN_FAILURE;
        } else if (e instanceof RunException) {
            code = ExitCodes.RUN_FAILURE;
        } else {
            err.println("tempest: internal error, please report it with this trace:");
            e.printStackTrace(err);
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
        err.println("tempest: " + e.getMessage());
        err.flush();
        return code;
    }
}
