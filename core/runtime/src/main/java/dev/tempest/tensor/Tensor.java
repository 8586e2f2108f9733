package dev.tempest.tensor;

import dev.tempest.accelerator.Buffer;
import java.util.Arrays;

/**
 * A shape and its storage on one device, and, when it takes part in backward, the gradient
 * storage of the same shape. Both are buffers of one backend; a tensor never moves.
 */
public final class Tensor {

    private final Buffer data;
    private final Buffer grad; // null when no gradient flows to this tensor
    private final int[] shape;

    public Tensor(Buffer data, Buffer grad, int... shape) {
        if (data.length() != size(shape) || (grad != null && grad.length() != data.length())) {
            throw new IllegalArgumentException("buffer of " + data.length() + " floats for shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.grad = grad;
        this.shape = shape.clone();
    }

    public Buffer data() {
        return data;
    }

    /** The gradient; IllegalStateException if this tensor has none. */
    public Buffer grad() {
        if (grad == null) {
            throw new IllegalStateException("this tensor " + Arrays.toString(shape) + " has no gradient");
        }
        return grad;
    }

    public boolean hasGrad() {
        return grad != null;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    /** The number of elements. */
    public int size() {
        return data.length();
    }

    /** The same storage seen with another shape of the same size. */
    public Tensor view(int... newShape) {
        return new Tensor(data, grad, newShape);
    }

    public static int size(int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + Arrays.toString(shape) + " exceeds 2^31 elements");
        }
        return (int) size;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
