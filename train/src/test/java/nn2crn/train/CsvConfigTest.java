package nn2crn.train;

import nn2crn.datasets.CsvSpec;
import nn2crn.datasets.TableRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The csv dataset's keys: defaults, a path relative to the config, and one line per mistake. */
class CsvConfigTest {

    @TempDir
    Path dir;

    private static final String TAIL = """
            network:
              hidden: [4]
            training:
              batch_size: 8
              epochs: 2
              lr_start: 0.01
            """;

    private Path config(String dataset) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data").resolve("panel.csv"), "g1,g2,kind\n1,2,a\n2,3,b\n");
        Path file = dir.resolve("panel.yaml");
        Files.writeString(file, "name: panel\ndataset:\n" + dataset + TAIL);
        return file;
    }

    private String error(String dataset) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(config(dataset))).getMessage();
    }

    @Test
    void defaultsAndAPathRelativeToTheConfig() throws IOException {
        TrainConfig c = ConfigLoader.load(config("  name: csv\n  path: data/panel.csv\n  label: kind\n"));
        CsvSpec spec = c.dataset().csv();
        assertEquals(dir.resolve("data/panel.csv").toAbsolutePath().normalize(), spec.path());
        assertEquals(new TableRecipe.Fractions(0.1, 0.2, 42, true), spec.split());
        assertEquals("train", spec.standardizeOn());
        assertEquals("valid", c.dataset().selectSplit(), "a validation share picks the epoch");
        assertEquals("train", c.dataset().trainSplit());

        TrainConfig noValid = ConfigLoader.load(config("  name: csv\n  path: data/panel.csv\n  label: kind\n"
                + "  features: [g2]\n  split: {train: 0.75, test: 0.25, seed: 7, stratified: false}\n"
                + "  standardize: none\n  missing: drop\n"));
        CsvSpec s = noValid.dataset().csv();
        assertEquals(new TableRecipe.Fractions(0, 0.25, 7, false), s.split());
        assertEquals(List.of("g2"), s.features());
        assertEquals(null, s.standardizeOn());
        assertTrue(s.dropMissing());
        assertEquals("train", noValid.dataset().selectSplit(), "without validation rows the train split picks");

        TrainConfig byColumn = ConfigLoader.load(config("  name: csv\n  path: data/panel.csv\n  label: kind\n"
                + "  split: {column: g1}\n"));
        assertEquals(new TableRecipe.ByColumn("g1"), byColumn.dataset().csv().split());
    }

    @Test
    void theFilesContentIsPartOfTheTrainingsIdentity() throws IOException {
        TrainConfig c = ConfigLoader.load(config("  name: csv\n  path: data/panel.csv\n  label: kind\n"));
        String before = Trainer.configHash(c);
        Files.writeString(dir.resolve("data").resolve("panel.csv"), "g1,g2,kind\n1,2,a\n2,4,b\n");
        assertNotEquals(before, Trainer.configHash(c), "a changed data file is a new training");
    }

    @Test
    void mistakesAreNamedAtTheirKey() {
        String noPath = error("  name: csv\n  label: kind\n");
        assertTrue(noPath.endsWith("key 'dataset.path': is required"), noPath);
        assertTrue(error("  name: csv\n  path: data/none.csv\n  label: kind\n").contains("key 'dataset.path': no such file"));
        assertTrue(error("  name: csv\n  path: data/panel.csv\n").contains("key 'dataset.label': is required"));
        String sum = error("  name: csv\n  path: data/panel.csv\n  label: kind\n  split: {train: 0.7, test: 0.2}\n");
        assertTrue(sum.contains("panel.yaml:6:3: key 'dataset.split': the shares must add up to 1"), sum);
        assertTrue(error("  name: csv\n  path: data/panel.csv\n  label: kind\n  split: {column: f, train: 1}\n")
                .contains("give either a column naming each row's split or the shares, not both"));
        assertTrue(error("  name: csv\n  path: data/panel.csv\n  label: kind\n  split: {train: 1.5, test: -0.5}\n")
                .contains("key 'dataset.split.train': must be a share between 0 and 1, is 1.5"));
        assertTrue(error("  name: csv\n  path: data/panel.csv\n  label: kind\n  standardize: valid\n"
                + "  split: {train: 0.8, test: 0.2}\n").contains("key 'dataset.standardize': 'valid' is not none or a split"));
        assertTrue(error("  name: csv\n  path: data/panel.csv\n  label: kind\n  missing: impute\n")
                .contains("key 'dataset.missing': 'impute' is not one of error, drop"));
        assertTrue(error("  name: iris\n  label: kind\n").contains("key 'dataset.label': only a csv dataset has it"));
        assertTrue(error("  name: csv\n  path: data/panel.csv\n  label: kind\n  select_split: test\n")
                .contains("key 'dataset.select_split': the test split is reported, never selected on"));
    }
}
