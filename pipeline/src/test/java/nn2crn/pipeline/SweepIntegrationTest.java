package nn2crn.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny IRIS sweep in Spark local mode, run again (nothing left to do), and the same sweep on a
 * real standalone cluster: a master and one worker started from the Spark jars on 127.0.0.1, their
 * executors in separate JVMs. The cluster's rows must equal local mode's.
 */
class SweepIntegrationTest {

    private static final String BASE = """
            name: base
            seed: 1
            dataset:
              name: iris
              variant: standardized
              train_split: all
              select_split: all
            network:
              hidden: [4]
              weights: binary
            training:
              batch_size: 16
              epochs: 40
              lr_start: 0.01
              lr_end: 0.001
            compile:
              schemes: [rate-independent]
              reduce: true
            simulate:
              split: all
              t_max: 50
            """;
    private static final String SWEEP = """
            name: tiny
            base: base.yaml
            seeds: [1, 2]
            grid:
              network.max_fanout: [0, 2]
            simulate_limit: 12
            """;

    @TempDir
    static Path dir;
    private static SweepConfig config;
    private static Path dataDir;

    @BeforeAll
    static void writeSweep() throws IOException {
        dataDir = null; // Iris ships with the code
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Files.writeString(dir.resolve("tiny.yaml"), SWEEP);
        config = SweepConfig.load(dir.resolve("tiny.yaml"));
    }

    @Test
    void localSweepWritesItsTablesAndSkipsFinishedPointsAndAClusterGivesTheSameRows() throws Exception {
        List<String> said = new ArrayList<>();
        PipelineLog log = new PipelineLog() {
            @Override
            public void say(String line) {
                said.add(line);
            }

            @Override
            public nn2crn.simulate.Evaluation.Progress progress(String label) {
                return (done, total, seconds) -> { };
            }
        };
        Path local = dir.resolve("local");
        Sweep.Result first = Sweep.run(config, local, dataDir, "local[2]", Map.of(), log);
        assertEquals(4, first.ran());
        assertEquals(4, first.rows().size());
        assertEquals(5, Files.readAllLines(local.resolve(Sweep.ROWS_FILE)).size());
        assertEquals(3, Files.readAllLines(local.resolve(Sweep.PARETO_FILE)).size());
        assertTrue(Files.size(local.resolve(Sweep.PLOT_FILE)) > 1000);
        String summary = Files.readString(local.resolve(Sweep.SUMMARY_MD));
        assertTrue(summary.contains("network.max_fanout=2"), summary);
        for (Sweep.PointSummary p : first.points()) {
            assertEquals(2, p.rows().size());
            double bestSelect = p.rows().stream().mapToDouble(SweepTask.Row::selectAccuracy).max().orElseThrow();
            assertEquals(bestSelect, p.picked().selectAccuracy());
            assertTrue(p.minAccuracy() <= p.medianAccuracy() && p.medianAccuracy() <= p.maxAccuracy());
            for (SweepTask.Row row : p.rows()) {
                assertEquals(12, row.simulated());
                assertEquals(1.0, row.agreement(), "the CRN's argmax is the network's on every simulated example");
                assertTrue(row.dnaStrands() > 0 && row.reactions() > 0);
            }
        }
        // the fan-out cap is met by the network: no reaction of the capped point has more than 2 + 1 products
        // (a fan-out reaction makes one species per nonzero outgoing weight, plus the ReLU's m)
        first.points().get(1).rows().forEach(r -> assertTrue(r.maxFanOut() <= first.points().get(0).rows().get(0).maxFanOut()));

        assertTrue(said.stream().anyMatch(l -> l.contains("4/4 tasks done")), String.join("\n", said));
        Sweep.Result again = Sweep.run(config, local, dataDir, "local[2]", Map.of(), log);
        assertEquals(0, again.ran());
        assertEquals(withoutTimes(first.rows()), withoutTimes(again.rows()));

        String master = StandaloneCluster.url();
        Path onCluster = dir.resolve("cluster");
        Sweep.Result clustered = Sweep.run(config, onCluster, dataDir, master, Map.of(
                "spark.executor.extraClassPath", StandaloneCluster.classPath(), "spark.driver.host", "127.0.0.1",
                "spark.executor.memory", "1g"), log);
        assertEquals(4, clustered.ran());
        try (var apps = Files.list(StandaloneCluster.workDir())) {
            assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")),
                    "the worker launched executors for the sweep");
        }
        assertEquals(withoutTimes(first.rows()), withoutTimes(clustered.rows()));
        assertEquals(Files.readString(local.resolve(Sweep.PARETO_FILE)), Files.readString(onCluster.resolve(Sweep.PARETO_FILE)));
    }

    private static List<SweepTask.Row> withoutTimes(List<SweepTask.Row> rows) {
        return rows.stream().map(r -> new SweepTask.Row(r.point(), r.overrides(), r.seed(), r.configSha256(),
                r.architecture(), r.selectSplit(), r.selectAccuracy(), r.evaluationSplit(), r.evaluationAccuracy(),
                r.crn(), r.simulated(), r.agreement(), r.species(), r.reactions(), r.totalProducts(), r.maxFanOut(),
                r.dnaStrands(), r.dnaNucleotides(), r.dnaFuels(), r.prunedUnits(), 0))
                .sorted(Comparator.comparing(SweepTask.Row::point).thenComparingLong(SweepTask.Row::seed)).toList();
    }

}
