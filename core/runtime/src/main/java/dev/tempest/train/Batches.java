package dev.tempest.train;

/**
 * Where a Trainer's batches come from. Its whole state is one position, which a checkpoint saves
 * so that a resumed run sees the very batches an uninterrupted one would.
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
}
