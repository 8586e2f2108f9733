package dev.tempest.pipeline;

import dev.tempest.api.DatasetLoader;
import dev.tempest.api.PreferencePair;
import dev.tempest.chat.ChatTemplate;
import dev.tempest.config.DatasetConfig;
import dev.tempest.data.RowTally;
import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The preference pairs of a data file, as the stages that train on them (reward model, DPO) read
 * it: each answer rendered after the prompt through the chat template, cut to a length, and a
 * pair skipped when its two answers are then the same tokens or either has no answer token left.
 */
final class PreferenceRows {

    /** One pair rendered: the prompt and chosen answer, the prompt and rejected answer, the pair's margin. */
    record RenderedPair(Example chosen, Example rejected, float margin) {
    }

    private PreferenceRows() {
    }

    /**
     * Every pair of {@code data}, each sequence at most {@code maxTokens} long; the counts go to
     * the console and {@code summary}. {@code trainer} names the stage in the error for rows of
     * another kind.
     */
    static List<RenderedPair> read(DatasetConfig data, DatasetLoader loader, Tokenizer tokenizer, ChatTemplate template,
                                   int maxTokens, String trainer, PrintWriter console, Map<String, Object> summary)
            throws RunException, IOException {
        List<RenderedPair> pairs = new ArrayList<>();
        int[] counts = new int[3]; // other kinds of row, pairs cut to the length, pairs left with nothing to compare
        RowTally tally = DataSets.read(data, loader, record -> {
            if (!(record instanceof PreferencePair pair)) {
                counts[0]++;
                return;
            }
            Example chosen = template.render(tokenizer, pair.prompt(), pair.chosen());
            Example rejected = template.render(tokenizer, pair.prompt(), pair.rejected());
            if (chosen.tokens().length > maxTokens || rejected.tokens().length > maxTokens) {
                counts[1]++;
                chosen = chosen.truncate(maxTokens);
                rejected = rejected.truncate(maxTokens);
            }
            if (Arrays.equals(chosen.tokens(), rejected.tokens()) || !chosen.trainsAnything() || !rejected.trainsAnything()) {
                counts[2]++;
            } else {
                pairs.add(new RenderedPair(chosen, rejected, (float) pair.margin()));
            }
        });
        console.printf("  %s:%n", data.path().getFileName());
        summary.putAll(DataSets.report(tally.rows(), tally.badRows(), tally.firstBadRows(), console));
        if (counts[0] > 0) {
            throw new RunException(data.path() + ": " + counts[0] + " rows are not preference pairs"
                    + " ({\"prompt\", \"chosen\", \"rejected\"}), which " + trainer + " trains on");
        }
        if (counts[1] + counts[2] > 0) {
            console.printf("  %,d pairs cut to %d tokens; %,d left with the same tokens or no answer and skipped%n",
                    counts[1], maxTokens, counts[2]);
        }
        summary.put("truncated", counts[1]);
        summary.put("skipped", counts[2]);
        if (pairs.isEmpty()) {
            throw new RunException(data.path() + ": no pair whose answers differ");
        }
        return pairs;
    }
}
