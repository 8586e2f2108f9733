package dev.tempest.cli;

import dev.tempest.config.ConfigException;
import dev.tempest.pipeline.Pipeline;
import dev.tempest.pipeline.PipelineRunner;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest run PIPELINE.yaml}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a pipeline: its stages in order, into a run folder.")
final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline file, YAML or JSON.")
    Path pipeline;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The run folder. Default: the pipeline's output setting (runs/NAME).")
    Path output;

    @Option(names = "--overwrite", description = "Replace the run folder's earlier run (only a folder holding a Tempest run).")
    boolean overwrite;

    @Option(names = "--resume", description = "Continue the run the folder holds (same configuration), "
            + "each stage from its latest checkpoint.")
    boolean resume;

    @Option(names = "--device", paramLabel = "SPEC", description = "Train on this device, whatever the stages say: "
            + "cpu, opencl (the first GPU, else the first device), opencl:P:D, or a plugin backend's (see tempest devices).")
    String device;

    @Override
    public Integer call() throws ConfigException, PluginException, RunException {
        if (overwrite && resume) {
            throw new ParameterException(spec.commandLine(), "--overwrite and --resume exclude each other");
        }
        try (PluginHost plugins = Tempest.openPlugins(spec)) {
            Pipeline loaded = Pipeline.load(pipeline, plugins, device);
            Path folder = output != null ? output : Path.of(loaded.config().output());
            new PipelineRunner(spec.commandLine().getOut()).run(loaded, folder,
                    resume ? PipelineRunner.Existing.RESUME : overwrite ? PipelineRunner.Existing.OVERWRITE
                            : PipelineRunner.Existing.REFUSE);
        }
        return ExitCodes.OK;
    }
}
