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

/** {@code nn2crn dna}, {@code simulate} on its output, and {@code run} with a {@code dna:} section. */
class DnaCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path irisNetwork() {
        return HandIrisNetwork.write(dir);
    }

    @Test
    void translatesCostsAndSimulatesAtDnaLevel() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString()).exitCode());
        Path crn = dir.resolve("crn-rate-independent");
        Path out = dir.resolve("dna");
        CliRunner r = CliRunner.run("dna", "--crn", crn.toString(), "--network", network.toString(), "--split", "all",
                "--limit", "30", "--kinetics-unit-nM", "1,10", "--readout", "600,3600,86400", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("network.crn", "network.sbml", "manifest.json", "system.pil", "system.dna", "strands.csv",
                "kinetics/kinetics.csv", "kinetics/accuracy-vs-time.png", "kinetics/unit-10nM/results.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(r.out().contains("soloveichik2010 translation of iris-hand"), r.out());
        // the leak-free ideal and the default leak (1 /M/s), each with accuracy, agreement and output errors
        assertTrue(r.out().matches("(?s).*1 nM per unit +10 min .*"), r.out());
        assertTrue(r.out().contains("10 nM per unit, leak 1.0e-9 /nM/s"), r.out());
        assertTrue(r.out().contains("median output error"), r.out());
        assertTrue(r.out().contains("design check: no cross-talk"), r.out());
        assertTrue(Files.isDirectory(out.resolve("kinetics/unit-10nM-leak-1.0E-9")));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        JsonNode cost = manifest.at("/dna/cost");
        assertTrue(cost.get("distinct_strands").asInt() > 100, cost.toString());
        assertTrue(cost.get("longest_strand_nt").asInt() > 60, cost.toString());
        assertTrue(manifest.at("/dna/design_check/cross_talk_free").asBoolean(), manifest.toString());
        assertEquals(10.0, manifest.at("/implementation/unit_value").asDouble());

        // after 24 h at 10 nM per unit the DNA-level CRN gives the network's answers
        JsonNode summary = JSON.readTree(out.resolve("kinetics/unit-10nM/summary.json").toFile());
        assertEquals(1.0, summary.get("agreement").asDouble(), summary.toString());
        List<Double> times = new java.util.ArrayList<>();
        summary.get("readout").forEach(t -> times.add(t.get("time").asDouble()));
        assertTrue(times.containsAll(List.of(600.0, 3600.0, 86400.0)), times.toString());
        assertTrue(summary.get("max_abs_error").asDouble() < 0.01, summary.toString());

        // the written design is a compile folder: nn2crn simulate reads its formal inputs and outputs
        CliRunner sim = CliRunner.run("simulate", "--crn", out.toString(), "--network", network.toString(), "--split",
                "all", "--limit", "5", "--t-max", "86400", "--solver", "rosenbrock", "--atol", "1e-6",
                "--time-course", "3600,86400", "--out", dir.resolve("sim").toString());
        assertEquals(0, sim.exitCode(), sim.err());
        JsonNode simulated = JSON.readTree(dir.resolve("sim/summary.json").toFile());
        assertEquals(1.0, simulated.get("agreement").asDouble(), simulated.toString());
        assertEquals(2, simulated.get("readout").size());

        CliRunner check = CliRunner.run("check", out.toString());
        assertEquals(0, check.exitCode(), check.out());
        assertTrue(check.out().contains("the final state may depend on the rate constants"), check.out());
    }

    @Test
    void refusesBadValuesBeforeWorking() {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString()).exitCode());
        String crn = dir.resolve("crn-rate-independent").toString();
        for (String[] bad : new String[][]{{"--unit-nM", "0"}, {"--fuel-nM", "-1"}, {"--gate-leak", "1"},
                {"--readout", "600,60"}, {"--toehold-nt", "0"}, {"--limit", "5"}}) {
            CliRunner r = CliRunner.run("dna", "--crn", crn, bad[0], bad[1], "--out", dir.resolve("x").toString());
            assertEquals(2, r.exitCode(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().startsWith("nn2crn: error: " + bad[0]) || r.err().contains("give --network"), r.err());
        }
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    /** --max-strand-nt caps the fan-out so that no strand is longer, and keeps the final state. */
    @Test
    void capsTheFanOutToAStrandLength() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString()).exitCode());
        String crn = dir.resolve("crn-rate-independent").toString();
        Path out = dir.resolve("capped");
        // the hand network's longest strand is 80 nt (3 products); 60 nt leaves 2
        CliRunner r = CliRunner.run("dna", "--crn", crn, "--max-strand-nt", "60", "--network", network.toString(),
                "--split", "all", "--limit", "10", "--kinetics-unit-nM", "10", "--leak-rate", "0", "--readout", "86400",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("fan-out capped to"), r.out());
        JsonNode cost = JSON.readTree(out.resolve("manifest.json").toFile()).at("/dna/cost");
        assertTrue(cost.get("longest_strand_nt").asInt() <= 60, cost.toString());
        JsonNode summary = JSON.readTree(out.resolve("kinetics/unit-10nM/summary.json").toFile());
        assertEquals(1.0, summary.get("agreement").asDouble(), summary.toString());

        CliRunner tooShort = CliRunner.run("dna", "--crn", crn, "--max-strand-nt", "40", "--out",
                dir.resolve("short").toString());
        assertEquals(1, tooShort.exitCode(), tooShort.out());
        assertTrue(tooShort.err().contains("--max-strand-nt 40"), tooShort.err());
        assertTrue(Files.notExists(dir.resolve("short")));
    }

    /** A CRN of another network, or one the scheme cannot build, is refused before any file is written. */
    @Test
    void refusesWhatDoesNotMatchOrCannotBeBuiltBeforeWriting() throws Exception {
        Path network = irisNetwork();
        Path other = dir.resolve("other.crn");
        Files.writeString(other, "x1 @initial 1\nx1 -> y\n");
        CliRunner r = CliRunner.run("dna", "--crn", other.toString(), "--network", network.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.err().contains("is not the CRN of this network"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Path three = dir.resolve("three.crn");
        Files.writeString(three, "# a trimolecular reaction\nA @initial 1\nB @initial 1\n\nA + B -> C\nA + B + C -> D\n");
        CliRunner t = CliRunner.run("dna", "--crn", three.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, t.exitCode(), t.out());
        assertTrue(t.err().contains(three + ":6: reaction 2 has 3 reactants"), t.err());
        assertTrue(Files.notExists(dir.resolve("x")));

        CliRunner check = CliRunner.run("check", three.toString());
        assertTrue(check.out().contains("soloveichik2010 cannot translate it"), check.out());
    }

    /** dna mix: per-sample input volumes from raw measurements, every column and cell checked. */
    @Test
    void mixesPerSampleInputsAndRefusesBadSampleFiles() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString()).exitCode());
        Path design = dir.resolve("design");
        assertEquals(0, CliRunner.run("dna", "--crn", dir.resolve("crn-rate-independent").toString(), "--out",
                design.toString()).exitCode());
        Path samples = dir.resolve("samples.csv");
        Files.writeString(samples, "sample,sl,sw,pl,pw\nA,0.5,-1,0,2\nB,-0.2,0.3,1.5,-0.4\n");
        Path out = dir.resolve("mix.csv");
        CliRunner r = CliRunner.run("dna", "mix", "--design", design.toString(), "--samples", samples.toString(),
                "--network", network.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("sample,line,sl,sw,pl,pw,network_prediction,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("A,2,0.5,-1,0,2,"), lines.get(1));
        // sample A's sl = 0.5 at 10 nM per unit: 5 nM of the positive rail's strand, 100 uL from 100 uM is
        // 0.005 uL, so 1:100 diluted to 0.5 uL
        String header = lines.get(0);
        List<String> columns = List.of(header.split(","));
        List<String> a = List.of(lines.get(1).split(","));
        int nm = columns.indexOf("x0_pos_nM");
        assertTrue(nm > 0, header);
        assertEquals("5", a.get(nm));
        assertEquals("100", a.get(nm + 1));
        assertEquals("0.500", a.get(nm + 2));

        Files.writeString(samples, "sample,sl,sw,pl\nA,1,2,3\n");
        CliRunner missing = CliRunner.run("dna", "mix", "--design", design.toString(), "--samples", samples.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("samples.csv:1: no column 'pw'"), missing.err());
        Files.writeString(samples, "sl,sw,pl,pw,ph\n1,2,3,4,7\n");
        CliRunner extra = CliRunner.run("dna", "mix", "--design", design.toString(), "--samples", samples.toString());
        assertTrue(extra.err().contains("column 'ph' is not a feature of this design"), extra.err());
        Files.writeString(samples, "sl,sw,pl,pw\n1,2,n.d.,4\n");
        CliRunner cell = CliRunner.run("dna", "mix", "--design", design.toString(), "--samples", samples.toString());
        assertTrue(cell.err().contains("samples.csv:2: column 'pl': 'n.d.' is not a number"), cell.err());
        assertEquals(1, cell.err().strip().lines().count(), cell.err());
    }

    /** --sequences: sequences that pass every check, then the order, annealing recipe and pipetting plan. */
    @Test
    void sequencesAndOrderForADesign() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString(), "--reduce").exitCode());
        Path design = dir.resolve("seq");
        CliRunner r = CliRunner.run("dna", "--crn", dir.resolve("crn-rate-independent-reduced").toString(), "--sequences",
                "--price-per-nt", "0.1", "--price-purification", "PAGE=60", "--currency", "USD", "--out",
                design.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("ok     intended duplexes"), r.out());
        assertTrue(r.out().contains("cost:") && r.out().contains("USD"), r.out());
        for (String f : List.of("sequences/sequences.csv", "sequences/domains.csv", "sequences/checks.txt",
                "order/strands.csv", "order/annealing.csv", "order/pipetting.csv",
                "order/README.md")) {
            assertTrue(Files.size(design.resolve(f)) > 0, f);
        }
        // every strand ordered, on a plate or in a tube (this small design fills no plate's 24 wells of PAGE strands)
        long ordered = Files.readAllLines(design.resolve("order/strands.csv")).size() - 1;
        assertEquals(Files.readAllLines(design.resolve("strands.csv")).size() - 1, ordered);
        assertTrue(Files.exists(design.resolve("order/tubes.csv")) || Files.exists(design.resolve("order/plate-1.csv")));
        // the same seed, the same sequences
        Path again = dir.resolve("seq2");
        assertEquals(0, CliRunner.run("dna", "--crn", dir.resolve("crn-rate-independent-reduced").toString(),
                "--sequences", "--out", again.toString()).exitCode());
        assertEquals(Files.readString(design.resolve("sequences/sequences.csv")),
                Files.readString(again.resolve("sequences/sequences.csv")));
        // a reaction too small for the master mix: the strands are still ordered, with no pipetting plan
        Path small = dir.resolve("small");
        CliRunner tooSmall = CliRunner.run("dna", "--crn", dir.resolve("crn-rate-independent-reduced").toString(),
                "--sequences", "--volume-uL", "5", "--anneal-uM", "0.2", "--out", small.toString());
        assertEquals(0, tooSmall.exitCode(), tooSmall.err());
        assertTrue(tooSmall.out().contains("warning: no pipetting plan: the master mix needs"), tooSmall.out());
        assertTrue(Files.notExists(small.resolve("order/pipetting.csv")));
        assertTrue(Files.readString(small.resolve("order/README.md")).contains("No pipetting plan"));
        CliRunner bad = CliRunner.run("dna", "--crn", dir.resolve("crn-rate-independent-reduced").toString(),
                "--sequences", "--volume-uL", "0", "--out", dir.resolve("none").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void runReportsTheDnaCostAndReadOut() throws Exception {
        Path config = dir.resolve("ci-iris-dna.yaml");
        Files.writeString(config, Files.readString(Path.of("..", "configs", "ci-iris.yaml"))
                .replace("name: ci-iris", "name: ci-iris-dna")
                .replace("schemes: [rate-independent, smooth-relu]", "schemes: [rate-independent]")
                + "dna:\n  crns: [reduced]\n  kinetics_unit_nM: [10]\n  readout: [600, 86400]\n  limit: 30\n");
        Path run = dir.resolve("run");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", run.toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("## DNA implementation"), report);
        assertTrue(report.contains("| reduced |"), report);
        assertTrue(report.contains("Design check (reduced): no cross-talk"), report);
        assertTrue(report.contains("median output error"), report);
        assertTrue(report.contains("leak 1.0e-9 /nM/s"), report);
        JsonNode dna = JSON.readTree(run.resolve("report.json").toFile()).get("dna").get(0);
        assertEquals("reduced", dna.get("crn").asText());
        JsonNode last = dna.at("/kinetics/0/readout/1");
        assertEquals(86400.0, last.get("time").asDouble());
        assertEquals(1.0, last.get("agreement").asDouble(), dna.toString());
        assertTrue(Files.exists(run.resolve("dna-reduced/system.pil")));
    }
}
