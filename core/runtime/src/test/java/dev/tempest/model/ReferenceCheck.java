package dev.tempest.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tempest.accelerator.Backend;
import dev.tempest.accelerator.cpu.CpuBackend;
import dev.tempest.accelerator.opencl.OpenClPlatform;
import dev.tempest.accelerator.scalar.ScalarBackend;
import dev.tempest.autograd.Tape;
import dev.tempest.checkpoint.HfCheckpoint;
import dev.tempest.checkpoint.SafetensorsReader;
import dev.tempest.nn.Ops;
import dev.tempest.optim.AdamW;
import dev.tempest.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Checks a model family against a PyTorch-made fixture of this test jar (resources
 * {@code /fixtures/NAME}, see the README beside each): logits, loss, every gradient, and the
 * parameters after one AdamW step. Tolerances are the fixtures' READMEs': 1e-5 of each tensor's
 * largest value for logits and gradients (10x above float32 round-off, below every listed
 * bug), 1e-5 absolute for the loss, and for AdamW 1e-5 where |grad| >= 1e-6 and 1e-2 (= lr)
 * where the first step is ill-conditioned.
 */
public final class ReferenceCheck {

    private ReferenceCheck() {
    }

    private static final String[] FIXTURE_FILES = {"config.json", "model.safetensors", "inputs.json", "expected.safetensors"};

    /**
     * The fixture {@code name} of the test class path, as a folder: copied out of the test jar
     * into a temporary folder, since other modules read it from the jar.
     */
    public static Path fixture(String name) throws IOException {
        Path dir = Files.createTempDirectory("fixture-" + name);
        for (String file : FIXTURE_FILES) {
            try (InputStream in = ReferenceCheck.class.getResourceAsStream("/fixtures/" + name + "/" + file)) {
                if (in == null) {
                    throw new IOException("no fixture file /fixtures/" + name + "/" + file + " on the test class path");
                }
                Files.copy(in, dir.resolve(file));
            }
            dir.resolve(file).toFile().deleteOnExit();
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    /**
     * The backends a fixture is checked on: the scalar oracle, the cpu backend, and every OpenCL
     * device (a skip that says why where there is none).
     */
    public static Stream<Named<Supplier<Backend>>> backends() {
        return Stream.concat(Stream.of(Named.of("scalar", ScalarBackend::new), Named.of("cpu", () -> new CpuBackend(2))),
                OpenClPlatform.backends());
    }

    /** Builds the fixture's model with {@code family} on {@code backend} and checks it end to end. */
    public static void matchesPyTorch(ModelFamily family, String fixtureName, Backend backend) throws IOException {
        Path dir = fixture(fixtureName);
        LanguageModel model = family.create(backend, HfCheckpoint.readConfig(dir));
        HfCheckpoint.loadWeights(model, dir);
        JsonNode inputs = new ObjectMapper().readTree(dir.resolve("inputs.json").toFile());
        int B = inputs.get("input_ids").size();
        int T = inputs.get("input_ids").get(0).size();
        SafetensorsReader expected = SafetensorsReader.open(dir.resolve("expected.safetensors"));

        Tape tape = new Tape();
        Ops ops = new Ops(backend, tape);
        Tensor logits = model.forward(ops, flatten(inputs.get("input_ids")), B, T);
        float[] logitValues = new float[logits.size()];
        backend.read(logits.data(), logitValues, 0);
        assertClose("logits", expected.read("logits"), logitValues, 1e-5);

        float loss = ops.crossEntropy(logits, flatten(inputs.get("targets")), 1f);
        assertEquals(expected.read("loss")[0], loss, 1e-5, "loss");

        tape.backward();
        for (String name : model.parameters().parameters().keySet()) {
            float[] grad = new float[model.parameters().get(name).size()];
            backend.read(model.parameters().get(name).grad(), grad, 0);
            assertClose("grad." + name, expected.read("grad." + name), grad, 1e-5);
        }

        new AdamW(backend, model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f).step(1e-2f);
        for (String name : model.parameters().parameters().keySet()) {
            float[] after = model.parameters().read(name);
            float[] want = expected.read("adamw." + name);
            float[] grad = expected.read("grad." + name);
            for (int i = 0; i < after.length; i++) {
                double tolerance = Math.abs(grad[i]) >= 1e-6 ? 1e-5 : 1e-2;
                assertEquals(want[i], after[i], tolerance, "adamw." + name + "[" + i + "]");
            }
        }
    }

    /** max |actual - expected| <= relative * max |expected|, over the whole tensor. */
    public static void assertClose(String name, float[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length, name + " size");
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= relative * scale, name + ": max |diff| " + worst + " > " + relative + " * " + scale);
    }

    private static int[] flatten(JsonNode rows) {
        int[] flat = new int[rows.size() * rows.get(0).size()];
        int i = 0;
        for (JsonNode row : rows) {
            for (JsonNode id : row) {
                flat[i++] = id.intValue();
            }
        }
        return flat;
    }
}
