package nn2crn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15 at the command line: SSA, molecules per unit, pipetting errors and rate spread. */
class MoleculesAndErrorsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path compiled(String... options) {
        Path network = HandIrisNetwork.write(dir);
        List<String> args = new java.util.ArrayList<>(List.of("compile", "--network", network.toString()));
        args.addAll(List.of(options));
        assertEquals(0, CliRunner.run(args.toArray(new String[0])).exitCode());
        return network;
    }

    @Test
    void ssaGivesTheNetworksAnswerWithEnoughMoleculesAndReproducesRuns() throws Exception {
        Path network = compiled();
        String crn = dir.resolve("crn-rate-independent").toString();
        String[] args = {"simulate", "--crn", crn, "--network", network.toString(), "--split", "all", "--limit", "20",
                "--method", "ssa", "--molecules-per-unit", "200", "--runs", "4", "--seed", "7", "--out", ""};
        args[args.length - 1] = dir.resolve("ssa").toString();
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = JSON.readTree(dir.resolve("ssa/summary.json").toFile());
        assertEquals(80, summary.get("completed_runs").asInt());
        assertEquals(1.0, summary.get("agreement").asDouble(), summary.toString());
        assertTrue(summary.get("status_counts").has("final"), summary.toString());
        List<String> first = Files.readAllLines(dir.resolve("ssa/ssa-results.csv"));
        args[args.length - 1] = dir.resolve("ssa2").toString();
        assertEquals(0, CliRunner.run(args).exitCode());
        List<String> second = Files.readAllLines(dir.resolve("ssa2/ssa-results.csv"));
        // the same seed gives the same runs (the last column, seconds, aside)
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).substring(0, first.get(i).lastIndexOf(',')),
                    second.get(i).substring(0, second.get(i).lastIndexOf(',')));
        }
        CliRunner bad = CliRunner.run("simulate", "--crn", crn, "--network", network.toString(), "--method", "ssa",
                "--runs", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--runs must be at least 1"), bad.err());
    }

    @Test
    void moleculesTabulatesExactAgreementCheckedBySsa() throws Exception {
        Path network = compiled();
        CliRunner r = CliRunner.run("molecules", "--crn", dir.resolve("crn-rate-independent").toString(), "--network",
                network.toString(), "--split", "all", "--counts", "1,10,1000", "--ssa-sample", "3", "--runs", "3",
                "--out", dir.resolve("m").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("m/molecules.csv"));
        assertEquals(4, csv.size());
        for (String line : csv.subList(1, 4)) {
            assertTrue(line.endsWith(",9,9"), "every SSA check run ends in the exact final state: " + line);
        }
        assertTrue(csv.get(3).contains(",1.0,"), "1000 molecules per unit agree with the network: " + csv.get(3));
        assertTrue(Files.size(dir.resolve("m/molecules.png")) > 0);
        assertTrue(r.out().contains("99% agreement from"), r.out());

        // a smoothed-ReLU CRN is not rate-independent: SSA ensembles
        assertEquals(0, CliRunner.run("compile", "--network", network.toString(), "--scheme", "smooth-relu").exitCode());
        CliRunner smooth = CliRunner.run("molecules", "--crn", dir.resolve("crn-smooth-relu").toString(), "--network",
                network.toString(), "--split", "all", "--limit", "5", "--counts", "1000", "--runs", "2", "--t-max", "20",
                "--out", dir.resolve("ms").toString());
        assertEquals(0, smooth.exitCode(), smooth.err());
        assertTrue(smooth.out().contains("SSA ensembles"), smooth.out());
        assertTrue(Files.readAllLines(dir.resolve("ms/molecules.csv")).get(1).contains(",ssa,"));
    }

    @Test
    void rateSpreadMovesTimingPipettingMovesTheAnswer() throws Exception {
        Path network = compiled();
        CliRunner r = CliRunner.run("robustness", "--crn", dir.resolve("crn-rate-independent").toString(), "--network",
                network.toString(), "--split", "all", "--limit", "30", "--draws", "2", "--rate-spread", "0.65",
                "--concentration-error", "0.2", "--out", dir.resolve("r").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("structure: non-competitive, feed-forward"), r.out());
        List<String> curves = Files.readAllLines(dir.resolve("r/robustness-curves.csv"));
        String spread = curves.stream().filter(l -> l.startsWith("rate spread")).findFirst().orElseThrow();
        String pipetting = curves.stream().filter(l -> l.startsWith("pipetting error")).findFirst().orElseThrow();
        double spreadShift = Double.parseDouble(spread.substring(spread.lastIndexOf(',') + 1));
        double pipettingShift = Double.parseDouble(pipetting.substring(pipetting.lastIndexOf(',') + 1));
        assertTrue(spreadShift < 0.02, "rates leave the final values alone: " + spread);
        assertTrue(pipettingShift > 10 * spreadShift, "concentrations move them: " + pipetting);
        assertTrue(Files.size(dir.resolve("r/robustness.png")) > 0);
    }
}
