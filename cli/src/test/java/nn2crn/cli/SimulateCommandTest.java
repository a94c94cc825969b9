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

class SimulateCommandTest {

    @TempDir
    Path dir;

    private Path irisNetwork() {
        return HandIrisNetwork.write(dir);
    }

    @Test
    void compilesAndSimulatesIrisWithFullAgreement() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString(), "--reduce").exitCode());
        Path crn = dir.resolve("crn-rate-independent-reduced");
        Path out = dir.resolve("sim");
        CliRunner sim = CliRunner.run("simulate", "--crn", crn.toString(), "--network", network.toString(),
                "--split", "all", "--plot-examples", "0,75", "--threads", "2", "--out", out.toString());
        assertEquals(0, sim.exitCode(), sim.err());
        assertTrue(sim.out().contains("150 examples of iris all"), sim.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(150, summary.get("examples").asInt());
        assertEquals(1.0, summary.get("agreement").asDouble());
        assertEquals(summary.get("nn_accuracy").asDouble(), summary.get("crn_accuracy").asDouble());
        assertTrue(summary.get("nn_accuracy").asDouble() > 0.5, summary.toString()); // chance is 1/3
        assertEquals(151, Files.readAllLines(out.resolve("results.csv")).size());
        for (String f : List.of("trajectory-0.png", "trajectory-75.csv", "convergence.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }

        CliRunner resumed = CliRunner.run("simulate", "--crn", crn.toString(), "--network", network.toString(),
                "--split", "all", "--resume", "--out", out.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode again = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0, again.get("simulated_this_run").asInt());
        assertEquals(150, again.get("examples").asInt());
    }

    /** Issue 27: --master runs the simulation as Spark tasks; the rows are a local run's, and a bad setting is one line. */
    @Test
    void onSparkTheRowsAreALocalRunsAndBadSparkOptionsGiveOneLine() throws Exception {
        Path network = irisNetwork();
        assertEquals(0, CliRunner.run("compile", "--network", network.toString(), "--reduce").exitCode());
        Path crn = dir.resolve("crn-rate-independent-reduced");
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String master : new String[]{null, "local[2]"}) {
            Path out = dir.resolve(master == null ? "here" : "spark");
            List<String> args = new java.util.ArrayList<>(List.of("simulate", "--crn", crn.toString(), "--network",
                    network.toString(), "--split", "all", "--settle-tol", "1e-6", "--out", out.toString()));
            if (master != null) {
                args.addAll(List.of("--master", master));
            }
            CliRunner sim = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, sim.exitCode(), sim.err());
            // every column but the seconds
            rows.add(Files.readAllLines(out.resolve("results.csv")).stream()
                    .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))).toList());
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(1.0, summary.get("agreement").asDouble());
            assertTrue(summary.get("status_counts").has("settled"), summary.toString());
        }
        assertEquals(rows.get(0), rows.get(1));
        CliRunner badConf = CliRunner.run("simulate", "--crn", crn.toString(), "--network", network.toString(),
                "--master", "local[2]", "--spark-conf", "executor.memory=1g");
        assertEquals(2, badConf.exitCode());
        assertTrue(badConf.err().contains("--spark-conf: 'executor.memory' is not a Spark setting"), badConf.err());
        CliRunner badMaster = CliRunner.run("simulate", "--crn", crn.toString(), "--network", network.toString(),
                "--master", "localhost:7077", "--out", dir.resolve("never").toString());
        assertEquals(2, badMaster.exitCode());
        assertTrue(badMaster.err().contains("--master: 'localhost:7077' is not a Spark master URL"), badMaster.err());
        assertTrue(!Files.exists(dir.resolve("never")), "nothing written");
        CliRunner ssa = CliRunner.run("simulate", "--crn", crn.toString(), "--network", network.toString(),
                "--method", "ssa", "--master", "local[2]");
        assertEquals(2, ssa.exitCode());
        assertTrue(ssa.err().contains("--master: the stochastic simulation"), ssa.err());
    }

    @Test
    void badArgumentsGiveOneLine() {
        Path network = irisNetwork();
        CliRunner noMode = CliRunner.run("simulate", "--crn", dir.toString(), "--network", dir.resolve("none.json")
                .toString());
        assertEquals(1, noMode.exitCode(), "a file that is not there");
        assertTrue(noMode.err().contains("no such file") || noMode.err().contains("not a compile folder"),
                noMode.err());
        assertEquals(0, CliRunner.run("compile", "--network", network.toString()).exitCode());
        CliRunner neither = CliRunner.run("simulate", "--crn", dir.resolve("crn-rate-independent").toString());
        assertEquals(2, neither.exitCode(), "a usage error, before any file is read");
        assertTrue(neither.err().startsWith("nn2crn: error: give --network"), neither.err());
        CliRunner badSolver = CliRunner.run("simulate", "--crn", dir.resolve("crn-rate-independent").toString(),
                "--network", network.toString(), "--solver", "euler");
        assertEquals(2, badSolver.exitCode(), "refused while parsing the options");
        assertTrue(badSolver.err().lines().findFirst().orElseThrow()
                .startsWith("nn2crn: error: --solver: unknown solver 'euler'"), badSolver.err());
    }

    @Test
    void anyCrnWithATimeCourse() throws Exception {
        Path crn = dir.resolve("decay.crn");
        Files.writeString(crn, "A -> B [k = 0.5]\n");
        Path inputs = dir.resolve("inputs.csv");
        Files.writeString(inputs, "A,label\n1,0\n4,0\n");
        Path out = dir.resolve("decay");
        CliRunner sim = CliRunner.run("simulate", "--crn", crn.toString(), "--inputs", inputs.toString(),
                "--output", "y=B", "--t-max", "10", "--time-course", "0:4:2", "--time-course-species", "A,B",
                "--out", out.toString());
        assertEquals(0, sim.exitCode(), sim.err());
        assertTrue(sim.out().contains("time-course.csv"), sim.out());
        List<String> lines = Files.readAllLines(out.resolve("time-course.csv"));
        assertEquals(List.of("example", "time", "A", "B"), List.of(lines.get(0).split(",")));
        assertEquals(1 + 2 * 3, lines.size());
        String[] row = lines.stream().filter(l -> l.startsWith("1,4.0,")).findFirst().orElseThrow().split(",");
        assertEquals(4 * Math.exp(-2), Double.parseDouble(row[2]), 1e-5);
        assertEquals(4 - 4 * Math.exp(-2), Double.parseDouble(row[3]), 1e-5);

        CliRunner outputs = CliRunner.run("simulate", "--crn", crn.toString(), "--inputs", inputs.toString(),
                "--output", "y=B", "--t-max", "10", "--time-course", "1,10", "--out", dir.resolve("o").toString());
        assertEquals(0, outputs.exitCode(), outputs.err());
        assertEquals("example,time,y", Files.readAllLines(dir.resolve("o/time-course.csv")).get(0));

        CliRunner unknown = CliRunner.run("simulate", "--crn", crn.toString(), "--inputs", inputs.toString(),
                "--output", "y=B", "--time-course", "1", "--time-course-species", "Q", "--out", dir.resolve("q").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--time-course: 'Q' is not a species of CRN"), unknown.err());
        assertTrue(unknown.err().lines().findFirst().orElseThrow().startsWith("nn2crn: error: --time-course"));
        CliRunner late = CliRunner.run("simulate", "--crn", crn.toString(), "--inputs", inputs.toString(),
                "--output", "y=B", "--t-max", "5", "--time-course", "0:10:1", "--out", dir.resolve("l").toString());
        assertEquals(2, late.exitCode());
        assertTrue(late.err().contains("time 10.0 is after t_max 5.0"), late.err());
    }
}
