package dev.tempest.chat;

import dev.tempest.tokenizer.Tokenizer;
import dev.tempest.train.Example;
import java.util.Arrays;

/** Ids and their loss mask, appended piece by piece as a template renders. */
final class Rendering {

    private final Tokenizer tokenizer;
    private int[] ids = new int[64];
    private boolean[] lossMask = new boolean[64];
    private int length;

    /** @throws IllegalStateException when {@code tokenizer} lacks a token {@code template} needs */
    Rendering(TurnTemplate template, Tokenizer tokenizer) {
        template.requireTokens(tokenizer);
        this.tokenizer = tokenizer;
    }

    /** Plain text: a special token's text in it stays characters, so user content cannot forge control tokens. */
    void text(String text, boolean trained) {
        for (int id : tokenizer.encode(text, false)) {
            add(id, trained);
        }
    }

    /** One of the template's required tokens, as its one id. */
    void special(String token, boolean trained) {
        add(tokenizer.specialToken(token).getAsInt(), trained);
    }

    Example example() {
        return new Example(ids(), Arrays.copyOf(lossMask, length));
    }

    int[] ids() {
        return Arrays.copyOf(ids, length);
    }

    private void add(int id, boolean trained) {
        if (length == ids.length) {
            ids = Arrays.copyOf(ids, length * 2);
            lossMask = Arrays.copyOf(lossMask, length * 2);
        }
        ids[length] = id;
        lossMask[length] = trained;
        length++;
    }
}
