package dev.tempest.model;

import dev.tempest.api.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a family's tensor layout into what the arena allocates. */
public final class Layouts {

    private Layouts() {
    }

    /** name -> shape, in layout order. */
    public static Map<String, int[]> shapes(List<TensorSpec> layout) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (TensorSpec spec : layout) {
            shapes.put(spec.name(), spec.shape().stream().mapToInt(Integer::intValue).toArray());
        }
        return shapes;
    }

    /** How many numbers the layout holds in all, as a long: a config may ask for more than one buffer holds. */
    public static long parameterCount(List<TensorSpec> layout) {
        long count = 0;
        for (TensorSpec spec : layout) {
            long size = 1;
            for (int dim : spec.shape()) {
                size *= dim;
            }
            count += size;
        }
        return count;
    }
}
