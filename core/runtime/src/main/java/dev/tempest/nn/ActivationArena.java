package dev.tempest.nn;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;

/**
 * The activation buffers of one pass (forward outputs, their gradients, the scratch an op keeps
 * for backward), kept for the next pass instead of allocated anew each step, as llm.c allocates
 * its activations once.
 *
 * <p>Buffers are cut in request order from one backing buffer for data and one for gradients.
 * A pass that asks for more than a backing holds gets fresh buffers for the excess; the next
 * {@link #reset()} then grows the backing to what that pass used, so from the second step of a
 * training run on (the same model and batch shape) nothing is allocated. Data is handed out as
 * the last pass left it, because every op overwrites its whole output; gradients are zeroed at
 * reset, because backward accumulates into them. A fresh arena has no backing: used for one
 * pass, it allocates every buffer, as plain {@link Backend#allocate} would.
 */
public final class ActivationArena {

    private final Region data;
    private final Region grads;

    public ActivationArena(Backend backend) {
        this.data = new Region(backend, false);
        this.grads = new Region(backend, true);
    }

    /**
     * Starts a pass: every buffer handed out so far may be handed out again, so tensors of the
     * previous pass must no longer be read.
     */
    public void reset() {
        data.reset();
        grads.reset();
    }

    /** {@code length} floats for an op to overwrite: an output or backward's scratch. */
    Buffer data(int length) {
        return data.take(length);
    }

    /** {@code length} zeros for a gradient. */
    Buffer grad(int length) {
        return grads.take(length);
    }

    /** Buffers cut in order from one backing buffer, zeroed at reset when {@code zeroed}. */
    private static final class Region {

        private final Backend backend;
        private final boolean zeroed;
        private Buffer backing; // null until a pass has shown how much it needs
        private long used;      // floats asked for since the last reset, inside the backing or not

        Region(Backend backend, boolean zeroed) {
            this.backend = backend;
            this.zeroed = zeroed;
        }

        Buffer take(int length) {
            long at = used;
            used += length;
            if (used <= capacity()) {
                return backing.slice((int) at, length);
            }
            return backend.allocate(length);
        }

        void reset() {
            if (used > capacity()) {
                // One buffer holds at most 2^31 floats; beyond that every pass allocates afresh.
                backing = used <= Integer.MAX_VALUE ? backend.allocate((int) used) : null;
            } else if (zeroed && used > 0) {
                backend.fill(backing.slice(0, (int) used), 0f);
            }
            used = 0;
        }

        private long capacity() {
            return backing == null ? 0 : backing.length();
        }
    }
}
