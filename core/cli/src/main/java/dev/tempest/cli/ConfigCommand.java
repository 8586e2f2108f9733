package dev.tempest.cli;

import dev.tempest.config.ConfigException;
import dev.tempest.config.ConfigLoader;
import dev.tempest.config.PipelineConfig;
import dev.tempest.pipeline.Pipeline;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest config validate|show}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Checks and shows pipeline files.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks pipeline files as tempest run does before it starts: strictly, against the plugins they name.")
    static final class Validate implements java.util.concurrent.Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Pipeline files, YAML or JSON.")
        List<Path> files;

        @Override
        public Integer call() throws ConfigException, PluginException {
            try (PluginHost plugins = Tempest.openPlugins(spec)) {
                for (Path file : files) {
                    Pipeline.load(file, plugins, null);
                    spec.commandLine().getOut().println(file + ": ok");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints a pipeline file as Tempest reads it: every default filled in, paths resolved.")
    static final class Show implements java.util.concurrent.Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A pipeline file, YAML or JSON.")
        Path file;

        @Override
        public Integer call() throws ConfigException {
            PipelineConfig config = ConfigLoader.load(file);
            spec.commandLine().getOut().print(ConfigLoader.toYaml(config));
            return ExitCodes.OK;
        }
    }
}
