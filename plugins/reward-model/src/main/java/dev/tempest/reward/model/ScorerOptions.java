package dev.tempest.reward.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The options a reward-model scorer opens with: {@code path}, the reward model's folder (as a
 * reward_model stage writes it), required; {@code device}, a device spec (default {@code cpu});
 * {@code threads}, cpu threads (default every core).
 */
record ScorerOptions(Path path, String device, int threads) {

    private static final Set<String> KNOWN = Set.of("path", "device", "threads");

    /** @throws IllegalArgumentException naming the option that is missing, unknown or of the wrong type */
    static ScorerOptions of(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("option '" + key + "' is unknown; the reward-model scorer reads "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        Object path = options.get("path");
        if (path == null) {
            throw new IllegalArgumentException("option 'path' is required: the reward model's folder");
        }
        if (!(path instanceof String folder)) {
            throw new IllegalArgumentException("option 'path' must be a folder's path, got " + path);
        }
        Object device = options.getOrDefault("device", "cpu");
        if (!(device instanceof String spec)) {
            throw new IllegalArgumentException("option 'device' must be a device spec such as cpu or opencl:0:0, got " + device);
        }
        Object threads = options.getOrDefault("threads", Runtime.getRuntime().availableProcessors());
        if (!(threads instanceof Integer count) || count < 1) {
            throw new IllegalArgumentException("option 'threads' must be a whole number of at least 1, got " + threads);
        }
        return new ScorerOptions(Path.of(folder), spec, count);
    }
}
