package dev.tempest.model;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import java.util.Arrays;

/**
 * The keys and values of every position generated so far, per layer, so each new token costs
 * one position's work instead of the whole sequence's. Layout per layer: (B, Tmax, Hkv*D). A
 * batch of prompts of different lengths is left-padded: each sequence's padding is kept (the
 * row's first positions), and its tokens count and attend from its first real token.
 */
public final class KvCache {

    private final Backend backend;
    private final Buffer[] keys;   // per layer (B, Tmax, width)
    private final Buffer[] values; // per layer (B, Tmax, width)
    private int B;                 // sequences held now: fewer than allocated once some are dropped
    private final int Tmax;
    private final int width;
    private int[] padding = null; // (B) positions before each sequence's first real token; null: none
    private int length;

    public KvCache(Backend backend, int layers, int B, int Tmax, int width) {
        this.backend = backend;
        this.keys = new Buffer[layers];
        this.values = new Buffer[layers];
        for (int l = 0; l < layers; l++) {
            keys[l] = backend.allocate(B * Tmax * width);
            values[l] = backend.allocate(B * Tmax * width);
        }
        this.B = B;
        this.Tmax = Tmax;
        this.width = width;
    }

    /** Sequence b's first padding[b] positions (B) are padding: set before the first tokens go in. */
    public void padLeft(int[] padding) {
        if (length > 0 || padding.length != B) {
            throw new IllegalArgumentException("left padding is " + B + " counts, given before the first tokens");
        }
        this.padding = padding.clone();
    }

    /** Each sequence's first real position (B), the earliest key its tokens see; null when nothing is padded. */
    public int[] firstKeys() {
        return padding == null ? null : padding.clone();
    }

    /** Where the next T tokens of every sequence sit: counted from its first real token, padding at 0. */
    public TokenPositions positions(int T) {
        if (padding == null) {
            return TokenPositions.rows(B, T, length);
        }
        int[] positions = new int[B * T];
        for (int r = 0; r < B * T; r++) {
            positions[r] = Math.max(0, length + r % T - padding[r / T]);
        }
        return new TokenPositions(B, T, positions, null);
    }

    /**
     * Keeps the sequences at {@code rows} (their indices now) and drops the rest: afterwards
     * sequence i is what sequence rows[i] was. A kept sequence that moves goes into the place of a
     * dropped one (so it overwrites nothing kept), copying only its cached positions: a batch that
     * drops its finished sequences this way moves each sequence at most once.
     */
    public void keep(int[] rows) {
        boolean[] kept = new boolean[B];
        for (int row : rows) {
            if (row < 0 || row >= B || kept[row]) {
                throw new IllegalArgumentException("rows to keep must be distinct sequences of the " + B + " held, got "
                        + Arrays.toString(rows));
            }
            kept[row] = true;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                if (kept[i]) {
                    throw new IllegalArgumentException("sequence " + rows[i] + " cannot move into the place of sequence "
                            + i + ", which is kept");
                }
                move(rows[i], i);
            }
        }
        if (padding != null) {
            int[] old = padding;
            padding = new int[rows.length];
            Arrays.setAll(padding, i -> old[rows[i]]);
        }
        B = rows.length;
    }

    private void move(int from, int to) {
        if (length == 0) {
            return;
        }
        int rowLength = Tmax * width;
        for (int l = 0; l < keys.length; l++) {
            backend.copy(keys[l].slice(to * rowLength, length * width), keys[l].slice(from * rowLength, length * width));
            backend.copy(values[l].slice(to * rowLength, length * width), values[l].slice(from * rowLength, length * width));
        }
    }

    /** Sequences held. */
    public int sequences() {
        return B;
    }

    /** Positions cached so far: where the next tokens start. */
    public int length() {
        return length;
    }

    public int capacity() {
        return Tmax;
    }

    public Buffer keys(int layer) {
        return keys[layer];
    }

    public Buffer values(int layer) {
        return values[layer];
    }

    /**
     * Writes the keys and values of T new positions of layer {@code layer}: rows of {@code k}
     * and {@code v}, (B*T) of them {@code rowStride} apart, each {@code width} wide.
     */
    public void append(int layer, Buffer k, Buffer v, int rowStride, int T) {
        if (length + T > Tmax) {
            throw new IllegalStateException("the cache holds " + Tmax + " positions; " + (length + T) + " asked");
        }
        // One strided copy per new position, over every sequence: one launch per step when decoding.
        for (int t = 0; t < T; t++) {
            int to = (length + t) * width;
            int from = t * rowStride;
            backend.copyRows(tail(keys[layer], to), Tmax * width, tail(k, from), T * rowStride, B, width);
            backend.copyRows(tail(values[layer], to), Tmax * width, tail(v, from), T * rowStride, B, width);
        }
    }

    private static Buffer tail(Buffer buffer, int from) {
        return buffer.slice(from, buffer.length() - from);
    }

    /** Marks T more positions as cached, once every layer has appended them. */
    public void advance(int T) {
        length += T;
    }
}
