package dev.tempest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.io.IOException;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir Path dir;

    private static final String VALID = """
            name: demo
            stages:
              - name: scan-corpus
                kind: scan
                dataset:
                  loader: jsonl
                  path: data/corpus.jsonl
            """;

    @Test
    void fillsDefaultsAndResolvesInputPathsAgainstTheConfigFolder() throws Exception {
        PipelineConfig config = ConfigLoader.load(write("pipeline.yaml", VALID));

        assertEquals("runs/demo", config.output());
        DatasetConfig dataset = ((ScanStageConfig) config.stages().get(0)).dataset();
        assertEquals(dir.resolve("data/corpus.jsonl"), dataset.path());
        assertEquals(BadRowPolicy.SKIP, dataset.onBadRow());
    }

    @Test
    void resolvedYamlLoadsBackToTheSameConfig() throws Exception {
        PipelineConfig config = ConfigLoader.load(write("pipeline.yaml", VALID));
        Path shown = write("shown.yaml", ConfigLoader.toYaml(config));

        assertEquals(config, ConfigLoader.load(shown));
    }

    @Test
    void unknownKeyNamesFileLineFieldAndTheNearestValidKey() throws IOException {
        Path file = write("pipeline.yaml", VALID.replace("loader: jsonl", "loder: jsonl"));

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ":6:7: stages[0].dataset.loder: unknown key; did you mean 'loader'?", error.getMessage());
        assertEquals(6, error.line());
    }

    @Test
    void unknownKeyFarFromAnyValidOneListsTheValidKeys() throws IOException {
        Path file = write("pipeline.yaml", "name: demo\ncolour: blue\nstages: []\n");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ":2:1: colour: unknown key; valid keys here: name, output, stages",
                error.getMessage());
    }

    @Test
    void wrongTypeNamesTheExpectedTypeAndTheValue() throws IOException {
        Path list = write("list.yaml", VALID.replace("name: demo", "name: [1, 2]"));
        assertEquals(list + ":1:1: name: expected a string, got a list",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(list)).getMessage());
        Path number = write("number.yaml", VALID.replace("name: demo", "name: 12"));
        assertEquals(number + ":1:1: name: expected a string, got 12",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(number)).getMessage());

        Path file = write("pipeline.yaml", "name: demo\nstages: fast\n");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ":2:1: stages: expected a list, got \"fast\"", error.getMessage());
    }

    @Test
    void badEnumValueListsTheChoices() throws IOException {
        Path file = write("pipeline.yaml", VALID + "      on_bad_row: ignore\n");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ":8:7: stages[0].dataset.on_bad_row: expected one of skip, stop, got \"ignore\"",
                error.getMessage());
    }

    @Test
    void missingRequiredFieldNamesItAndTheLineOfTheMappingThatLacksIt() throws IOException {
        Path file = write("pipeline.yaml", VALID.replace("      path: data/corpus.jsonl\n", ""));

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ":5:5: stages[0].dataset.path: required, but missing", error.getMessage());
    }

    @Test
    void anEmptyValueOrAnExplicitNullIsAnErrorNotASilentDefault() throws IOException {
        Path empty = write("empty.yaml", VALID.replace("loader: jsonl", "loader:"));
        Path explicit = write("null.yaml", VALID + "      on_bad_row: null\n");

        assertEquals(empty + ":6:7: stages[0].dataset.loader: has no value (null); write one, or leave the key out"
                + " where it has a default", assertThrows(ConfigException.class, () -> ConfigLoader.load(empty)).getMessage());
        assertEquals(explicit + ":8:7: stages[0].dataset.on_bad_row: has no value (null); write one, or leave the key"
                + " out where it has a default", assertThrows(ConfigException.class, () -> ConfigLoader.load(explicit)).getMessage());
    }

    @Test
    void unknownStageKindListsTheKnownKinds() throws IOException {
        Path file = write("pipeline.yaml", VALID.replace("kind: scan", "kind: pretrian"));

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals("stages[0].kind", error.field());
        String kinds = String.join(", ", Arrays.stream(StageConfig.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).sorted().toList());
        assertEquals(file + ":" + error.line() + ":" + error.column()
                + ": stages[0].kind: unknown kind 'pretrian'; expected one of: " + kinds, error.getMessage());
        assertTrue(kinds.contains("pretrain"), kinds);
    }

    @Test
    void aMalformedDeviceSpecNamesTheFieldAndSaysWhatOneLooksLike() throws IOException {
        Path file = write("pipeline.yaml", """
                name: demo
                stages:
                  - name: train
                    kind: pretrain
                    model: {architecture: gpt2, config: {n_embd: 32}}
                    dataset: {loader: jsonl, path: data/corpus.jsonl}
                    device: open cl
                """);

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals("stages[0].device", error.field());
        assertEquals(file + ":" + error.line() + ":" + error.column() + ": stages[0].device: 'open cl' is not a device spec;"
                + " write a backend id, then its device, such as cpu, opencl or opencl:0:1", error.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() throws IOException {
        Path file = write("pipeline.yaml", "name: demo\nname: again\nstages: []\n");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(2, error.line());
        assertEquals(true, error.getMessage().contains("Duplicate field 'name'"), error.getMessage());
    }

    @Test
    void duplicateStageNamesAreRejectedWithTheirIndex() throws IOException {
        Path file = write("pipeline.yaml", VALID + VALID.substring(VALID.indexOf("  - name")));

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals("stages[1].name", error.field());
        assertEquals(true, error.getMessage().endsWith("'scan-corpus' is used by an earlier stage; stage names must be unique"),
                error.getMessage());
    }

    @Test
    void jsonFilesAreStrictToo() throws IOException {
        Path file = write("pipeline.json", """
                {"name": "demo",
                 "stages": [{"name": "s", "kind": "scan",
                             "dataset": {"loader": "jsonl", "path": "x.jsonl", "on_bad_row": 3}}]}
                """);

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(3, error.line());
        assertEquals("stages[0].dataset.on_bad_row", error.field());
    }

    @Test
    void syntaxErrorsNameTheLine() throws IOException {
        Path file = write("pipeline.yaml", "name: demo\nstages: [\n  {name: a\n");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(true, error.getMessage().startsWith(file + ":"), error.getMessage());
        assertEquals(true, error.getMessage().contains("not valid YAML"), error.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("absent.yaml");

        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertEquals(file + ": no such file", error.getMessage());
    }

    @Test
    void aRewardModelReportsEachEvaluationFileUnderItsOwnNameAndNoStageStartsFromIt() throws Exception {
        String pipeline = """
                name: rm
                stages:
                  - kind: reward_model
                    name: reward
                    model: {path: published}
                    dataset: {loader: jsonl, path: pairs.jsonl}
                    evaluation:
                      - {name: correctness, path: right-vs-wrong.jsonl}
                      - {name: correctness, path: more.jsonl}
                """;
        Path twice = write("twice.yaml", pipeline);
        Path startsFromIt = write("starts.yaml", pipeline.replace("      - {name: correctness, path: more.jsonl}\n", "")
                + "  - {kind: eval, name: eval, model: {from: reward}, tasks: tasks.jsonl}\n");

        assertEquals(twice + ":9:10: stages[0].evaluation[1].name: 'correctness' names an earlier evaluation; each is"
                + " reported under its own name", assertThrows(ConfigException.class, () -> ConfigLoader.load(twice)).getMessage());
        assertEquals(startsFromIt + ":9:38: stages[1].model.from: 'reward' is not an earlier stage that writes a model;"
                + " no stage before this one does", assertThrows(ConfigException.class, () -> ConfigLoader.load(startsFromIt)).getMessage());
        PipelineConfig valid = ConfigLoader.load(write("valid.yaml",
                pipeline.replace("      - {name: correctness, path: more.jsonl}\n", "")));
        RewardModelStageConfig stage = (RewardModelStageConfig) valid.stages().get(0);
        assertEquals(dir.resolve("right-vs-wrong.jsonl"), stage.evaluation().get(0).path());
        assertEquals(0.0, stage.centerRewardsCoefficient());
        assertEquals(valid, ConfigLoader.load(write("shown.yaml", ConfigLoader.toYaml(valid))), "shown, it loads back the same");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
