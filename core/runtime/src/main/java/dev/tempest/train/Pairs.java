package dev.tempest.train;

/**
 * The P preference pairs of a batch whose rows are sequences to score (a reward model's): the
 * row of B*T at which each pair's chosen and rejected sequence is read, and how much higher the
 * chosen one's reward must be (0: simply higher).
 *
 * @param chosenRows   (P) rows of the chosen sequences' scores
 * @param rejectedRows (P) rows of the rejected sequences' scores
 * @param margins      (P) each pair's margin
 */
public record Pairs(int[] chosenRows, int[] rejectedRows, float[] margins) {

    public Pairs {
        if (rejectedRows.length != chosenRows.length || margins.length != chosenRows.length) {
            throw new IllegalArgumentException(chosenRows.length + " chosen, " + rejectedRows.length + " rejected rows and "
                    + margins.length + " margins: one each per pair");
        }
    }

    /** P. */
    public int size() {
        return chosenRows.length;
    }
}
