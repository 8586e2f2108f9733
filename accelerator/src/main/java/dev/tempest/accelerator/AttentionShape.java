package dev.tempest.accelerator;

/**
 * The sizes of a causal self-attention: B = batch, T = time, H = query heads, Hkv = key/value
 * heads (grouped-query attention when fewer than H), D = head dim.
 */
public record AttentionShape(int B, int T, int H, int Hkv, int D) {

    public AttentionShape {
        if (B < 1 || T < 1 || H < 1 || Hkv < 1 || D < 1 || H % Hkv != 0) {
            throw new IllegalArgumentException("bad attention shape " + this + ": sizes must be positive and H a multiple of Hkv");
        }
    }

    /** Checks first key positions, one per query row (B*T) in training or per sequence (B) with a cache; null is fine. */
    public void checkFirstKeys(int[] firstKeys, boolean cached) {
        if (firstKeys == null) {
            return;
        }
        int expected = cached ? B : B * T;
        if (firstKeys.length != expected) {
            throw new IllegalArgumentException(firstKeys.length + " first key positions for " + expected
                    + (cached ? " sequences" : " query rows") + " of " + this);
        }
        for (int first : firstKeys) {
            if (first < 0) {
                throw new IllegalArgumentException("a negative first key position " + first);
            }
        }
    }
}
