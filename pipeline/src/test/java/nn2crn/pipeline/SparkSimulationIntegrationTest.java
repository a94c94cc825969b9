package nn2crn.pipeline;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.ResultRow;
import nn2crn.simulate.SolverSettings;
import nn2crn.simulate.TimeCourse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 27: a simulation split into Spark tasks, in local mode and on a real standalone cluster
 * (master and worker in their own JVMs), gives the rows, time course and summary of a local run,
 * and resumes from the rows a run left.
 */
class SparkSimulationIntegrationTest {

    @TempDir
    Path dir;

    private static final PipelineLog QUIET = new PipelineLog() {
        @Override
        public void say(String line) {
        }

        @Override
        public Evaluation.Progress progress(String label) {
            return (done, total, seconds) -> { };
        }
    };

    /** Rows without the seconds (the one thing that differs between engines). */
    private static List<List<String>> comparable(List<ResultRow> rows) {
        return rows.stream().map(r -> {
            List<String> v = new ArrayList<>(r.values());
            v.set(ResultRow.header(r.crnOutputs().length).indexOf("seconds"), "");
            return v;
        }).toList();
    }

    @Test
    void sparkTasksGiveTheRowsOfALocalRunAndResume() throws Exception {
        Random random = new Random(31);
        Network network = TestNetworks.random(random, new int[]{4, 5, 3}, new double[]{-1, 0, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = new ArrayList<>();
        for (int e = 0; e < 30; e++) {
            double[] x = TestNetworks.randomInput(random, network.inputs());
            examples.add(new Evaluation.Example(e, crn.initialState(x), e % 3, ForwardPass.predict(network, x),
                    ForwardPass.outputs(network, x)));
        }
        Evaluation.Settings settings = new Evaluation.Settings(50, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM,
                Set.of(1, 7), new TimeCourse(new double[]{1, 5, 20}, List.of()));
        Evaluation.Outcome local = Evaluation.run(crn, examples, settings, dir.resolve("local"), Evaluation.Resume.NEVER,
                (d, t, s) -> { });
        String master = StandaloneCluster.url();
        Map<String, String> onCluster = Map.of("spark.executor.extraClassPath", StandaloneCluster.classPath(),
                "spark.driver.host", "127.0.0.1", "spark.executor.memory", "1g");
        for (String where : new String[]{"local[2]", master}) {
            Path out = dir.resolve(where.startsWith("local") ? "spark-local" : "spark-cluster");
            Evaluation.Outcome run;
            try (SparkSimulation spark = new SparkSimulation(where, where.startsWith("local") ? Map.of() : onCluster,
                    QUIET)) {
                run = Evaluation.run(crn, examples, settings, out, Evaluation.Resume.NEVER, (d, t, s) -> { }, spark);
                // a second simulation on the same context (as run and reproduce do)
                Evaluation.Outcome second = Evaluation.run(crn, examples.subList(0, 5), settings, out.resolve("second"),
                        Evaluation.Resume.NEVER, (d, t, s) -> { }, spark);
                assertEquals(comparable(local.rows().subList(0, 5)), comparable(second.rows()), where);
            }
            assertEquals(comparable(local.rows()), comparable(run.rows()), where);
            assertEquals(local.readouts(), run.readouts(), where);
            assertEquals(local.trajectories().keySet(), run.trajectories().keySet());
            assertEquals(Files.readString(dir.resolve("local").resolve("time-course.csv")),
                    Files.readString(out.resolve("time-course.csv")), where);
            Map<String, Object> a = Evaluation.summarize(local, settings);
            Map<String, Object> b = Evaluation.summarize(run, settings);
            for (String key : List.of("examples", "completed", "agreement", "crn_accuracy", "max_abs_error",
                    "convergence_time_median", "status_counts", "remaining_change_max")) {
                assertEquals(a.get(key), b.get(key), where + ": " + key);
            }
        }
        try (var apps = Files.list(StandaloneCluster.workDir())) {
            assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")),
                    "the worker launched executors for the simulation");
        }
        // resume: keep the first 12 rows of a finished run, simulate the other 18 on Spark
        Path resumed = dir.resolve("resumed");
        Files.createDirectories(resumed);
        Path source = dir.resolve("spark-local");
        List<String> lines = Files.readAllLines(source.resolve(Evaluation.RESULTS_FILE));
        Files.write(resumed.resolve(Evaluation.RESULTS_FILE), lines.subList(0, 13));
        Files.copy(source.resolve(Evaluation.RESULTS_SETTINGS_FILE), resumed.resolve(Evaluation.RESULTS_SETTINGS_FILE));
        List<String> course = Files.readAllLines(source.resolve("time-course.csv"));
        Files.write(resumed.resolve("time-course.csv"), course.subList(0, 1 + 12 * 3));
        Evaluation.Outcome again;
        try (SparkSimulation spark = new SparkSimulation("local[2]", Map.of(), QUIET)) {
            again = Evaluation.run(crn, examples, settings, resumed, Evaluation.Resume.REQUIRED, (d, t, s) -> { }, spark);
        }
        assertEquals(18, again.simulated());
        assertEquals(comparable(local.rows()), comparable(again.rows()));
        assertEquals(Files.readString(dir.resolve("local").resolve("time-course.csv")),
                Files.readString(resumed.resolve("time-course.csv")));
    }
}
