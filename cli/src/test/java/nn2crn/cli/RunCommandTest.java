package nn2crn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on a ci config: train -> compile (both schemes, reduced too) -> simulate -> report. */
class RunCommandTest {

    private static final Path CI_IRIS = Path.of("..", "configs", "ci-iris.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void reportNumbersEqualTheStageOutputsAndASecondRunReusesThem() throws Exception {
        Path run = dir.resolve("run");
        CliRunner first = CliRunner.run("run", CI_IRIS.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("ci-iris: training"), first.out());

        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertEquals(3, report.get("rows").size());
        for (JsonNode row : report.get("rows")) {
            JsonNode summary = JSON.readTree(run.resolve(row.get("folder").asText()).resolve("summary.json").toFile());
            assertEquals(summary.get("examples").asInt(), row.get("examples").asInt());
            assertEquals(150, row.get("examples").asInt());
            assertEquals(summary.get("agreement").asDouble(), row.get("agreement").asDouble());
            assertEquals(summary.get("crn_accuracy").asDouble(), row.get("crnAccuracy").asDouble());
            assertEquals(summary.get("nn_accuracy").asDouble(), row.get("nnAccuracy").asDouble());
            assertEquals(summary.get("max_abs_error").asDouble(), row.get("maxAbsError").asDouble());
            String crnFolder = "crn-" + row.get("scheme").asText() + (row.get("reduced").asBoolean() ? "-reduced" : "");
            JsonNode counts = JSON.readTree(run.resolve(crnFolder).resolve("manifest.json").toFile()).get("counts");
            assertEquals(counts.get("species").asInt(), row.get("species").asInt());
            assertEquals(counts.get("reactions").asInt(), row.get("reactions").asInt());
            // the rate-independent CRN computes the network exactly
            if (row.get("scheme").asText().equals("rate-independent")) {
                assertEquals(1.0, row.get("agreement").asDouble());
            }
        }
        JsonNode training = JSON.readTree(run.resolve("train/summary.json").toFile()).get("accuracy");
        assertEquals(training.get("all").asDouble(), report.get("training_accuracy").get("all").asDouble());
        assertEquals(training.get("all").asDouble(), report.get("rows").get(0).get("nnAccuracy").asDouble());
        assertEquals(2, report.get("rate_robustness").size());
        String markdown = Files.readString(run.resolve("report.md"));
        assertTrue(markdown.contains("| iris | 4-8-3 | binary | rate-independent (reduced) |"), markdown);
        assertTrue(Files.size(run.resolve("crn-size.png")) > 0);

        CliRunner second = CliRunner.run("run", CI_IRIS.toString(), "--out", run.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("reusing the finished training"), second.out());
        assertTrue(second.out().contains("150 of 150 examples were already simulated"), second.out());
        assertEquals(report.get("rows"), JSON.readTree(run.resolve("report.json").toFile()).get("rows"));
    }

    /** Issue 26: a config that asks for three read-outs gets them side by side, with reporters and aliquots. */
    @Test
    void threeReadOutsSideBySide() throws Exception {
        String base = Files.readString(CI_IRIS);
        String config = base.replace("  schemes: [rate-independent, smooth-relu]\n  reduce: true\n",
                        "  schemes: [rate-independent]\n  reduce: false\n  readout: [rails, subtract, wta]\n")
                .replace("  rate_draw_limit: 20\n", "  rate_draw_limit: 10\n")
                + "dna:\n  crns: [plain]\n  kinetics_unit_nM: [10]\n  limit: 4\n  leak_rate: 0\n"
                + "  readout: [3600, 86400]\n";
        Path file = dir.resolve("readouts.yaml");
        Files.writeString(file, config);
        Path run = dir.resolve("readouts");
        CliRunner result = CliRunner.run("run", file.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertEquals(3, report.get("rows").size());
        java.util.List<String> readouts = new java.util.ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            readouts.add(row.get("readout").asText());
            assertEquals(1.0, row.get("agreement").asDouble(), row.get("readout").asText());
        }
        assertEquals(java.util.List.of("rails", "subtract", "wta"), readouts);
        // the wta CRN is integrated to t_max / 0.01 and measured under the gates' rate spread
        assertEquals(5000.0, report.get("rows").get(2).get("tMax").asDouble());
        assertTrue(java.util.stream.StreamSupport.stream(report.get("rate_robustness").spliterator(), false)
                .anyMatch(d -> d.get("crn").asText().equals("rate-independent-wta")
                        && d.get("rates").asText().startsWith("random:0.35:1.65:")));
        // subtract is rate-independent: drawn over two decades, like rails
        assertTrue(java.util.stream.StreamSupport.stream(report.get("rate_robustness").spliterator(), false)
                .anyMatch(d -> d.get("crn").asText().equals("rate-independent-subtract")
                        && d.get("rates").asText().startsWith("random:0.1:10")));
        assertEquals(3, report.get("dna").size());
        JsonNode wta = report.get("dna").get(2);
        assertEquals("wta", wta.get("readout").asText());
        assertEquals(2, wta.get("aliquots").get("wells").asInt());
        assertFalse(report.get("dna").get(0).has("aliquots"), "rails: no reporters");
        assertTrue(Files.exists(run.resolve("dna-plain-wta").resolve("aliquots.csv")));
        String markdown = Files.readString(run.resolve("report.md"));
        assertTrue(markdown.contains("## Read-outs side by side"), markdown);
        assertTrue(markdown.contains("| wta | 1 | rate-dependent | 100.00% |"), markdown);
        assertTrue(markdown.contains("| subtract | 1 | rate-independent | 100.00% |"), markdown);
        assertTrue(markdown.contains("How to read: winner-take-all"), markdown);
    }

    @Test
    void aBrokenConfigFailsBeforeAnyWork() throws Exception {
        Path config = dir.resolve("broken.yaml");
        Files.writeString(config, Files.readString(CI_IRIS).replace("split: all", "split: nope"));
        Path run = dir.resolve("run");
        CliRunner broken = CliRunner.run("run", config.toString(), "--out", run.toString());
        assertEquals(1, broken.exitCode());
        // known only once the data is loaded, and still reported with the config file and line
        assertTrue(broken.err().matches("(?s).*broken\\.yaml:\\d+:\\d+: key '(dataset\\.train_split|simulate\\.split)': "
                + "'nope' is not a split of iris.*"), broken.err());
        assertFalse(Files.exists(run.resolve("train")));

        Files.writeString(config, Files.readString(CI_IRIS).replace("schemes: [rate-independent, smooth-relu]",
                "schemes: [rate-independent, analog]"));
        CliRunner scheme = CliRunner.run("run", config.toString(), "--out", run.toString());
        assertEquals(1, scheme.exitCode());
        assertTrue(scheme.err().contains("key 'compile.schemes[1]': 'analog' is not one of"), scheme.err());
        assertFalse(Files.exists(run));
    }
}
