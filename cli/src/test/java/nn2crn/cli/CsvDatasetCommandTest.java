package nn2crn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own CSV end to end: data info, then run (train, compile, simulate) with the CRN equal to the network. */
class CsvDatasetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Three separated clusters of 40 samples in 3 measured genes, string labels, one missing value. */
    private Path panel() throws Exception {
        Random random = new Random(5);
        String[] classes = {"H1N1", "HRV", "RSV"};
        double[][] centres = {{8, 2, 5}, {3, 7, 5}, {5, 5, 9}};
        StringBuilder csv = new StringBuilder("sample,gene_a,gene_b,gene_c,virus_type\n");
        for (int i = 0; i < 120; i++) {
            int c = i % 3;
            csv.append("s").append(i);
            for (int g = 0; g < 3; g++) {
                csv.append(',').append(i == 10 && g == 1 ? "NA"
                        : String.format(Locale.ROOT, "%.3f", centres[c][g] + random.nextGaussian()));
            }
            csv.append(',').append(classes[c]).append('\n');
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/panel.csv"), csv.toString());
        Path config = dir.resolve("panel.yaml");
        Files.writeString(config, """
                name: panel
                seed: 1
                dataset:
                  name: csv
                  path: data/panel.csv
                  label: virus_type
                  split: {train: 0.6, valid: 0.2, test: 0.2, seed: 42, stratified: true}
                  standardize: train
                  missing: drop
                network:
                  hidden: [4]
                  weights: ternary
                training:
                  batch_size: 8
                  epochs: 30
                  lr_start: 0.01
                  lr_end: 0.001
                compile:
                  schemes: [rate-independent]
                  reduce: true
                simulate:
                  split: test
                  t_max: 50
                """);
        return config;
    }

    @Test
    void dataInfoAndAFullRunOnAUsersCsv() throws Exception {
        Path config = panel();
        CliRunner info = CliRunner.run("data", "info", "csv", "--config", config.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("dataset csv, variant csv: 3 features, 3 classes (H1N1, HRV, RSV)"), info.out());
        assertTrue(info.out().contains("data file: " + dir.resolve("data/panel.csv")), info.out());
        assertTrue(info.out().contains("1 row(s) with a missing value left out"), info.out());
        assertTrue(info.out().lines().anyMatch(l -> l.matches("all +119 +3 +40 +39 +40")), info.out());
        assertTrue(info.out().lines().anyMatch(l -> l.matches("test +24 +3 +8 +8 +8")), info.out());

        CliRunner noConfig = CliRunner.run("data", "info", "csv");
        assertEquals(2, noConfig.exitCode());
        assertTrue(noConfig.err().contains("a csv dataset needs --config CONFIG"), noConfig.err());

        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertEquals(2, report.get("rows").size());
        for (JsonNode row : report.get("rows")) {
            assertEquals(24, row.get("examples").asInt());
            assertEquals(1.0, row.get("agreement").asDouble(), "the rate-independent CRN computes the network");
            assertTrue(row.get("nnAccuracy").asDouble() > 0.9, row.toString());
        }
        // the fitted constants travel with the network and into the CRN's manifest
        JsonNode network = JSON.readTree(run.resolve("train/network.json").toFile());
        JsonNode preprocessing = network.get("preprocessing");
        assertEquals(3, preprocessing.get("mean").size());
        assertEquals("virus_type", preprocessing.get("source").get("label").asText());
        JsonNode manifest = JSON.readTree(run.resolve("crn-rate-independent/manifest.json").toFile());
        JsonNode feature = manifest.get("preprocessing").get("features").get(1);
        assertEquals("gene_b", feature.get("name").asText().replaceAll("[+-]$|_(plus|minus|p|n)$", ""), feature.toString());
        assertEquals(preprocessing.get("std").get(1).asDouble(), feature.get("std").asDouble());
        assertEquals(preprocessing.get("mean").get(1).asDouble(), feature.get("mean").asDouble());

        // simulate --network reloads the CSV dataset from what the network records
        CliRunner sim = CliRunner.run("simulate", "--crn", run.resolve("crn-rate-independent-reduced").toString(),
                "--network", run.resolve("train/network.json").toString(), "--split", "valid",
                "--out", dir.resolve("sim").toString());
        assertEquals(0, sim.exitCode(), sim.err());
        JsonNode summary = JSON.readTree(dir.resolve("sim/summary.json").toFile());
        assertEquals(24, summary.get("examples").asInt());
        assertEquals(1.0, summary.get("agreement").asDouble());
    }
}
