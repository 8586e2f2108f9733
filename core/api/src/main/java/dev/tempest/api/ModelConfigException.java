package dev.tempest.api;

/**
 * A model configuration ({@code config.json}, or a pipeline's {@code model.config}) with a key
 * that is unknown, missing, of the wrong type, out of range or inconsistent with another.
 */
public final class ModelConfigException extends IllegalArgumentException {

    private final String key;
    private final String problem;

    /** {@code key}: the {@code config.json} key to fix; {@code problem}: what is wrong with it and, where known, the fix. */
    public ModelConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
