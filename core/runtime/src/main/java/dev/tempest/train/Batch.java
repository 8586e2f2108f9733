package dev.tempest.train;

/** B sequences of T tokens and the token each position should predict; both (B*T), row-major. */
public record Batch(int[] inputs, int[] targets, int B, int T) {

    public Batch {
        if (inputs.length != B * T || targets.length != B * T) {
            throw new IllegalArgumentException("a (" + B + ", " + T + ") batch needs " + B * T + " inputs and targets");
        }
    }
}
