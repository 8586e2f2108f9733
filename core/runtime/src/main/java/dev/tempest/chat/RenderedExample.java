package dev.tempest.chat;

/**
 * A rendered example: its token ids (T) and, per id, whether the loss covers it (T). SFT weighs
 * the covered tokens 1 and the others 0.
 */
public record RenderedExample(int[] ids, boolean[] lossMask) {

    public RenderedExample {
        if (ids.length != lossMask.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + lossMask.length + " mask entries");
        }
    }

    public int length() {
        return ids.length;
    }
}
