package dev.tempest.chat;

import dev.tempest.tokenizer.Gpt2Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected renderings put together from ids known without Tempest's encoder: the reference
 * encoder's ids of the fixture's cases (tokenizers/gpt2/cases.jsonl) and ids read off vocab.json.
 */
final class Gpt2Pieces {

    private final List<Integer> ids = new ArrayList<>();
    private final List<Boolean> lossMask = new ArrayList<>();

    /** The text of cases.jsonl line {@code line}. */
    static String text(int line) {
        return fixtureCase(line).text();
    }

    /** The ids GPT-2's reference encoder gives cases.jsonl line {@code line}. */
    static int[] ids(int line) {
        return fixtureCase(line).ids();
    }

    Gpt2Pieces add(boolean trained, int... pieceIds) {
        for (int id : pieceIds) {
            ids.add(id);
            lossMask.add(trained);
        }
        return this;
    }

    int[] ids() {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean[] lossMask() {
        boolean[] mask = new boolean[lossMask.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = lossMask.get(i);
        }
        return mask;
    }

    private static Gpt2Fixture.Case fixtureCase(int line) {
        try {
            return Gpt2Fixture.cases().get(line - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
