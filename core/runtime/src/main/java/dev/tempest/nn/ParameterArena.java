package dev.tempest.nn;

import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.Buffer;
import dev.tempest.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter of a model in one contiguous buffer, and every gradient in another of the
 * same layout: one AdamW launch updates them all, one write checkpoints them, one zeroing
 * clears the gradients. Parameters are named slices, in the order they were declared.
 */
public final class ParameterArena {

    private final Backend backend;
    private final Buffer data;
    private final Buffer grads;
    private final Map<String, Tensor> parameters;

    private ParameterArena(Backend backend, Buffer data, Buffer grads, Map<String, Tensor> parameters) {
        this.backend = backend;
        this.data = data;
        this.grads = grads;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Lays out the parameters {@code shapes} (name to shape, in order) on {@code backend}, zeroed. */
    public static ParameterArena allocate(Backend backend, Map<String, int[]> shapes) {
        long total = 0;
        for (int[] shape : shapes.values()) {
            total += Tensor.size(shape);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameters exceed 2^31 floats: " + total);
        }
        Buffer data = backend.allocate((int) total);
        Buffer grads = backend.allocate((int) total);
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
            int size = Tensor.size(entry.getValue());
            parameters.put(entry.getKey(), new Tensor(data.slice(offset, size), grads.slice(offset, size), entry.getValue()));
            offset += size;
        }
        return new ParameterArena(backend, data, grads, parameters);
    }

    /**
     * The first {@code count} parameters of this arena as an arena of their own, sharing its
     * memory: a model built over it trains as part of this larger arena (one optimiser, one
     * checkpoint), as a policy does under its value head.
     */
    public ParameterArena leading(int count) {
        Map<String, Tensor> leading = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, Tensor> parameter : parameters.entrySet()) {
            if (leading.size() == count) {
                break;
            }
            leading.put(parameter.getKey(), parameter.getValue());
            size += parameter.getValue().size();
        }
        if (leading.size() != count) {
            throw new IllegalArgumentException("an arena of " + parameters.size() + " parameters has no first " + count);
        }
        return new ParameterArena(backend, data.slice(0, size), grads.slice(0, size), leading);
    }

    /** The parameter {@code name}; IllegalArgumentException naming it if absent. */
    public Tensor get(String name) {
        Tensor parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return parameter;
    }

    /** Sets parameter {@code name} to {@code values} (its size, row-major), on the device. */
    public void write(String name, float[] values) {
        Tensor parameter = get(name);
        if (values.length != parameter.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' holds " + parameter.size() + " floats, got " + values.length);
        }
        backend.write(parameter.data(), values, 0);
    }

    /** Parameter {@code name}'s values, from the device. */
    public float[] read(String name) {
        float[] values = new float[get(name).size()];
        backend.read(get(name).data(), values, 0);
        return values;
    }

    /** Every parameter by name, in layout order. */
    public Map<String, Tensor> parameters() {
        return parameters;
    }

    /** The backend the arena lives on. */
    public Backend backend() {
        return backend;
    }

    /** All parameters, as one buffer. */
    public Buffer data() {
        return data;
    }

    /** All gradients, as one buffer laid out like {@link #data()}. */
    public Buffer grads() {
        return grads;
    }

    public int size() {
        return data.length();
    }
}
