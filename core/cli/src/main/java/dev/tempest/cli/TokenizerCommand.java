package dev.tempest.cli;

import dev.tempest.api.DatasetLoader;
import dev.tempest.api.TextRecord;
import dev.tempest.config.BadRowPolicy;
import dev.tempest.data.BadRowException;
import dev.tempest.data.RowTally;
import dev.tempest.pipeline.RunException;
import dev.tempest.plugin.PluginException;
import dev.tempest.plugin.PluginHost;
import dev.tempest.tokenizer.BpeTrainer;
import dev.tempest.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tempest tokenizer train}. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true, description = "Byte-level BPE tokenizers.",
        subcommands = {TokenizerCommand.Train.class})
final class TokenizerCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Trains a byte-level BPE vocabulary on text files and saves it as a Hugging Face tokenizer.json.")
    static final class Train implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Text to train on, read by the loader.")
        List<Path> files;

        @Option(names = "--vocab-size", required = true, paramLabel = "N",
                description = "Vocabulary size: the 256 byte tokens, the learned merges and the special tokens.")
        int vocabSize;

        @Option(names = "--special", paramLabel = "TOKEN", defaultValue = "<|endoftext|>",
                description = "A special token; repeat for more (chat-template tokens such as <|im_start|>). "
                        + "Default: ${DEFAULT-VALUE}.")
        List<String> specialTokens;

        @Option(names = "--loader", paramLabel = "ID", defaultValue = "jsonl",
                description = "The DatasetLoader that reads the files. Default: ${DEFAULT-VALUE}.")
        String loaderId;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write tokenizer.json.")
        Path out;

        @Override
        public Integer call() throws PluginException, RunException {
            PrintWriter console = spec.commandLine().getOut();
            List<String> texts = new ArrayList<>();
            try (PluginHost plugins = Tempest.openPlugins(spec)) {
                DatasetLoader loader = plugins.extension(DatasetLoader.class, loaderId);
                for (Path file : files) {
                    loader.read(file, new RowTally(BadRowPolicy.STOP, record -> {
                        if (record instanceof TextRecord text) {
                            texts.add(text.text());
                        }
                    }));
                }
            } catch (BadRowException e) {
                throw new RunException(e.getMessage());
            } catch (IOException e) {
                throw new RunException(e.getMessage(), e);
            }
            if (vocabSize <= 256 + specialTokens.size()) {
                throw new RunException("--vocab-size " + vocabSize + " leaves no room for merges after the 256 byte tokens and "
                        + specialTokens.size() + " special tokens");
            }
            Tokenizer tokenizer = BpeTrainer.train(texts, vocabSize, specialTokens);
            try {
                tokenizer.save(out);
            } catch (IOException e) {
                throw new RunException(out + ": cannot write the tokenizer: " + e.getMessage(), e);
            }
            long characters = texts.stream().mapToLong(String::length).sum();
            long tokens = texts.stream().mapToLong(text -> tokenizer.encode(text).length).sum();
            console.printf("trained on %,d documents (%,d characters): vocabulary %d, %.2f characters per token%n",
                    texts.size(), characters, tokenizer.vocabSize(), characters / (double) Math.max(tokens, 1));
            console.println("written to " + out);
            console.flush();
            return ExitCodes.OK;
        }
    }
}
