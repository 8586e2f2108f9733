package dev.tempest.generate;

import dev.tempest.tokenizer.Tokenizer;
import java.util.Arrays;

/** One sequence of a batch as it grows: its new tokens and their log-probabilities, until something ends it. */
final class Continuation {

    private final int room;           // new tokens at most: the limit, or what the context leaves
    private final boolean contextFull; // whether the context, not the limit, sets the room
    private final StopConditions stop;
    private final Tokenizer tokenizer;
    private final int[] tokens;       // (room)
    private final float[] logProbs;   // (room)
    private int count;
    private int searchedText;         // characters of text already searched for stop strings
    private StopReason stopped;       // null while it grows

    Continuation(int promptLength, int maxTokens, int contextLength, StopConditions stop, Tokenizer tokenizer) {
        this.room = Math.min(maxTokens, contextLength - promptLength);
        this.contextFull = contextLength - promptLength < maxTokens;
        this.stop = stop;
        this.tokenizer = tokenizer;
        this.tokens = new int[room];
        this.logProbs = new float[room];
    }

    boolean growing() {
        return stopped == null;
    }

    /** Appends a drawn token, and ends the sequence where it should end. */
    void add(int token, float logProb) {
        tokens[count] = token;
        logProbs[count++] = logProb;
        if (stop.endTokens().contains(token)) {
            stopped = StopReason.END_TOKEN;
        } else if (!stop.stopStrings().isEmpty() && cutAtStopString()) {
            stopped = StopReason.STOP_STRING;
        } else if (count == room) {
            stopped = contextFull ? StopReason.CONTEXT_FULL : StopReason.MAX_TOKENS;
        }
    }

    Generation result() {
        return new Generation(Arrays.copyOf(tokens, count), Arrays.copyOf(logProbs, count), stopped);
    }

    /**
     * Whether a stop string now appears in the text; if so, drops the tokens from the one where the
     * earliest begins. Only the text that the last token can have changed is searched: what follows
     * what was searched before, back by a stop string's length and by the 3 bytes of an unfinished
     * UTF-8 character that the last token may have completed.
     */
    private boolean cutAtStopString() {
        String text = tokenizer.decode(Arrays.copyOf(tokens, count));
        int at = -1;
        for (String s : stop.stopStrings()) {
            int found = text.indexOf(s, Math.max(0, searchedText - s.length() - 3));
            if (found >= 0 && (at < 0 || found < at)) {
                at = found;
            }
        }
        searchedText = text.length();
        if (at < 0) {
            return false;
        }
        while (count > 0 && tokenizer.decode(Arrays.copyOf(tokens, count)).length() > at) {
            count--;
        }
        return true;
    }
}
