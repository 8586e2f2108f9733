package dev.tempest.api;

import java.util.List;
import java.util.Objects;

/**
 * A human preference, TRL's {@code {"prompt": ..., "chosen": ..., "rejected": ...}}: for
 * {@code prompt}, {@code chosen} was preferred to {@code rejected}. For reward models
 * (Bradley-Terry) and DPO. TRL's optional {@code "margin"} says by how much: a reward model is
 * asked for a reward difference of at least about that much (0, the default, asks only that the
 * chosen answer score higher).
 *
 * <p>All three parts take one form: plain text (standard), or message lists (conversational),
 * in which {@code chosen} and {@code rejected} hold the assistant turns that follow the shared
 * {@code prompt}, for example {@code prompt = [user "2+2?"]}, {@code chosen = [assistant "4"]},
 * {@code rejected = [assistant "5"]}. TRL's implicit-prompt form, two whole conversations that
 * share their first turns, becomes this one through {@link #fromImplicitPrompt}.
 */
public record PreferencePair(Part prompt, Part chosen, Part rejected, double margin) implements DataRecord {

    /**
     * @throws IllegalArgumentException when the forms differ, an answer holds a turn not the
     *         assistant's, or the margin is not a finite number
     */
    public PreferencePair {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
        PartRules.sameForm(List.of("prompt", "chosen", "rejected"), List.of(prompt, chosen, rejected));
        PartRules.assistantTurns("chosen", chosen);
        PartRules.assistantTurns("rejected", rejected);
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("\"margin\" must be a finite number, got " + margin);
        }
    }

    /** A preference without a margin. */
    public PreferencePair(Part prompt, Part chosen, Part rejected) {
        this(prompt, chosen, rejected, 0);
    }

    /** The standard form: plain text for all three, no margin. */
    public PreferencePair(String prompt, String chosen, String rejected) {
        this(new PlainText(prompt), new PlainText(chosen), new PlainText(rejected));
    }

    /** This preference with {@code margin}. */
    public PreferencePair withMargin(double margin) {
        return new PreferencePair(prompt, chosen, rejected, margin);
    }

    /**
     * TRL's implicit-prompt form: {@code chosen} and {@code rejected} are whole conversations;
     * the turns they share from the start are the prompt, and the assistant turns after it the
     * answers. Only message lists split this way: two strings have no turn boundary to split at
     * (TRL cuts them at the first differing character, which can fall inside a word).
     *
     * @throws IllegalArgumentException when either is plain text, they share no first turn, one
     *         is the start of the other, or a turn after the shared ones is not the assistant's
     */
    public static PreferencePair fromImplicitPrompt(Part chosen, Part rejected) {
        if (!(chosen instanceof Messages chosenTurns) || !(rejected instanceof Messages rejectedTurns)) {
            throw new IllegalArgumentException("\"chosen\" and \"rejected\" without \"prompt\" must be message lists "
                    + "that share their first turns (the implicit prompt); strings need a \"prompt\"");
        }
        List<ChatMessage> a = chosenTurns.messages();
        List<ChatMessage> b = rejectedTurns.messages();
        int shared = 0;
        while (shared < Math.min(a.size(), b.size()) && a.get(shared).equals(b.get(shared))) {
            shared++;
        }
        if (shared == 0) {
            throw new IllegalArgumentException("\"chosen\" and \"rejected\" without \"prompt\" differ from their first "
                    + "turn; the turns they share are the prompt, and they share none");
        }
        if (shared == a.size() || shared == b.size()) {
            throw new IllegalArgumentException("\"chosen\" and \"rejected\" without \"prompt\": one is the start of the "
                    + "other, so one has no answer after the shared turns");
        }
        PartRules.assistantTurnsFrom("chosen", a, shared);
        PartRules.assistantTurnsFrom("rejected", b, shared);
        return new PreferencePair(new Messages(a.subList(0, shared)), new Messages(a.subList(shared, a.size())),
                new Messages(b.subList(shared, b.size())));
    }
}
