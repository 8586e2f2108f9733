package dev.tempest.train;

/**
 * One preference pair as tokens: the prompt with the chosen answer, the prompt with the rejected
 * one, and how much higher the chosen one's reward must be (0: simply higher).
 */
public record PreferenceExample(int[] chosen, int[] rejected, float margin) {

    public PreferenceExample {
        if (chosen.length == 0 || rejected.length == 0) {
            throw new IllegalArgumentException("both answers of a pair need a token to be scored at");
        }
    }
}
