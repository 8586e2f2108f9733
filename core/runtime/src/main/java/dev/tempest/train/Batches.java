package dev.tempest.train;

import java.util.Map;

/**
 * Where a Trainer's batches come from. Their state is a position, which a checkpoint saves so
 * that a resumed run sees the very batches an uninterrupted one would, and for batches that
 * learn from what they produce (PPO's adaptive KL coefficient) what they {@link #carried carry}.
 */
public interface Batches {

    Batch next();

    /** Where the next batch starts. */
    long position();

    void seek(long position);

    /**
     * Whether a checkpoint may be taken before the next batch: always for data, which a position
     * finds again; for a rollout's batches only between rollouts, since a rollout can be made
     * again only by the policy that sampled it.
     */
    default boolean atBoundary() {
        return true;
    }

    /** What these batches have learned that their position does not say, saved at a boundary. */
    default Map<String, Double> carried() {
        return Map.of();
    }

    /** Takes back what {@link #carried} gave, after {@link #seek}. */
    default void carry(Map<String, Double> carried) {
    }
}
