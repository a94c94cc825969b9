package nn2crn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep, cluster and reproduce commands refuse bad input in one line, before any work. */
class SweepCommandTest {

    @TempDir
    Path dir;


    /** The command on the CLI's own class path (where Spark must find the libraries it needs). */
    @Test
    void aTinySweepRunsInLocalModeAndPrintsItsFront() throws Exception {
        String base = Path.of("..", "configs", "ci-iris.yaml").toAbsolutePath().normalize().toString();
        Path sweep = dir.resolve("tiny.yaml");
        Files.writeString(sweep, "name: tiny\nbase: " + base + "\nseeds: [1]\npoints:\n"
                + "  - {network.hidden: [3], network.weights: ternary, training.epochs: 20}\nsimulate_limit: 10\n");
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("sweep", sweep.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("network.hidden=[3] network.weights=ternary training.epochs=20"), r.out());
        assertTrue(Files.exists(out.resolve("sweep.csv")) && Files.exists(out.resolve("pareto.png")));
    }

    @Test
    void badSweepsAndOptionsAreRefusedWithoutOutput() throws Exception {
        Path out = dir.resolve("never");
        CliRunner.refused(1, "no-such.yaml: no such file", "sweep", dir.resolve("no-such.yaml").toString(), "--out", out.toString());
        Path sweep = dir.resolve("s.yaml");
        String base = Path.of("..", "configs", "ci-iris.yaml").toAbsolutePath().normalize().toString();
        Files.writeString(sweep, "name: s\nbase: " + base + "\ngrid:\n  network.hiden: [[2]]\n");
        CliRunner.refused(1, "s.yaml:3:1", "sweep", sweep.toString(), "--out", out.toString());
        Files.writeString(sweep, "name: s\nbase: " + base + "\ngrid:\n  network.max_fanout: [-1]\n");
        CliRunner.refused(1, "max_fanout", "sweep", sweep.toString(), "--out", out.toString());
        CliRunner.refused(2, "--spark-conf: 'executor.memory' is not a Spark setting", "sweep", sweep.toString(), "--spark-conf",
                "executor.memory=2g", "--out", out.toString());
        assertFalse(Files.exists(out), "nothing was written");

        CliRunner.refused(2, "MASTER must be a spark://HOST:PORT URL", "cluster", "worker", "http://127.0.0.1:7077");
        CliRunner.refused(2, "--cores must be at least 1", "cluster", "worker", "spark://127.0.0.1:7077", "--cores", "0");
        CliRunner.refused(2, "--seeds must be at least 1", "reproduce", "iris", "--seeds", "0");
    }
}
