package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * Checks a model's parameter gradients, left in its gradient buffer by a backward pass, against
 * central differences (h = 1e-3) of the loss that pass differentiated. The tolerance, 1e-3 +
 * 1e-2 relative, is float32 round-off of a loss near 1 over 2h, and far below a gradient sent to
 * the wrong row.
 */
public final class ParameterGradients {

    private ParameterGradients() {
    }

    /**
     * The elements {@code at} of parameter {@code name}: each gradient as central differences of
     * {@code loss} say, and the largest of them not trivially small (a check of zeros proves nothing).
     */
    public static void check(LanguageModel model, String name, int[] at, DoubleSupplier loss) {
        float[] grad = new float[model.parameters().get(name).size()];
        model.parameters().backend().read(model.parameters().get(name).grad(), grad, 0);
        float[] values = model.parameters().read(name);
        float largest = 0;
        for (int i : at) {
            double numeric = (lossWith(model, name, values, i, 1e-3f, loss) - lossWith(model, name, values, i, -1e-3f, loss))
                    / 2e-3;
            assertEquals(numeric, grad[i], 1e-3 + 1e-2 * Math.abs(numeric), name + "[" + i + "]");
            largest = Math.max(largest, Math.abs(grad[i]));
        }
        model.parameters().write(name, values);
        assertTrue(largest > 1e-2, name + ": its gradient is not trivially small (" + largest + ")");
    }

    private static double lossWith(LanguageModel model, String name, float[] values, int i, float h, DoubleSupplier loss) {
        float[] shifted = values.clone();
        shifted[i] += h;
        model.parameters().write(name, shifted);
        return loss.getAsDouble();
    }

    /** Every element of {@code name}. */
    public static int[] allOf(LanguageModel model, String name) {
        int[] all = new int[model.parameters().get(name).size()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** The {@code k} elements of {@code name} with the largest gradient. */
    public static int[] largest(LanguageModel model, String name, int k) {
        float[] grad = new float[model.parameters().get(name).size()];
        model.parameters().backend().read(model.parameters().get(name).grad(), grad, 0);
        return IntStream.range(0, grad.length).boxed()
                .sorted((a, b) -> Float.compare(Math.abs(grad[b]), Math.abs(grad[a])))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
