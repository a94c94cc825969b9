package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: stopped integrations report what they reached; resumed runs only reuse matching rows. */
class StoppedAndResumedRunsTest {

    @TempDir
    Path dir;

    /** {@code A + A -> 3 A} from A = 10 blows up at t = 0.1: no solver can reach t_max. */
    private static final Crn EXPLOSIVE = CrnText.parse("A @initial 10\nA + A -> 3 A\n", "blow.crn", "blow");

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void aStoppedIntegrationReportsItsLastAcceptedStateNotTheStart(SolverSettings.Method method) {
        SolverSettings settings = new SolverSettings(method, 1e-6, 1e-9, 0, 200_000);
        Solution s = settings.create(new MassActionSystem(EXPLOSIVE)).solve(new double[]{10}, 50, StepObserver.NONE);
        assertFalse(s.status().ok(), s.status().toString());
        assertTrue(s.time() > 0.09 && s.time() < 0.11, "stopped near the singularity at 0.1, not at " + s.time());
        assertTrue(s.state()[0] > 1000, "the state there, not the start: " + s.state()[0]);
        assertTrue(s.steps() > 0);

        SolverSettings budget = new SolverSettings(method, 1e-6, 1e-9, 0, 5);
        Solution b = budget.create(new MassActionSystem(EXPLOSIVE)).solve(new double[]{10}, 50, StepObserver.NONE);
        assertEquals(SolverStatus.STEP_BUDGET, b.status());
        assertTrue(b.time() > 0 && Double.isFinite(b.time()), "final time " + b.time());
        assertNotEquals(10, b.state()[0]);
    }

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void overflowIsABlowUp(SolverSettings.Method method) {
        SolverSettings settings = new SolverSettings(method, 1e-6, 1e-9, 0, 200_000);
        Solution s = settings.create(new MassActionSystem(EXPLOSIVE)).solve(new double[]{1e200}, 50, StepObserver.NONE);
        assertEquals(SolverStatus.BLOW_UP, s.status());
        assertTrue(Double.isFinite(s.state()[0]), "the last finite state is kept");
    }

    private static ResultRow row(int example, int label, int nn, int crn, String status) {
        return new ResultRow(example, label, nn, crn, new double[]{1, 0}, new double[]{1, 0}, 0.5, 1, 1, 2, status, 3, 10,
                0, 20, 0, 0.01, Double.NaN);
    }

    @Test
    void accuracyAndAgreementCountOnlyCompletedExamples() {
        List<ResultRow> rows = List.of(row(0, 0, 0, 0, "t-max"), row(1, 1, 1, 1, "steady"), row(2, 1, 1, 0, "t-max"),
                row(3, 1, 1, 0, "step-budget"), row(4, 0, 0, 1, "blow-up"));
        Map<String, Object> s = Evaluation.summarize(rows, new Evaluation.Settings(50, 1, SolverSettings.DEFAULT,
                RateSpec.UNIFORM, Set.of()), 1, 5);
        assertEquals(5, s.get("examples"));
        assertEquals(3, s.get("completed"));
        assertEquals(2, s.get("excluded_from_accuracy"));
        assertEquals(Map.of("blow-up", 1L, "step-budget", 1L), s.get("stopped"));
        assertEquals(2.0 / 3, (Double) s.get("agreement"), 1e-12);
        assertEquals(2.0 / 3, (Double) s.get("crn_accuracy"), 1e-12);
        assertEquals(1.0, (Double) s.get("nn_accuracy"), 1e-12, "the network is right on all five");
        assertEquals(List.of(2), s.get("disagreements"));
    }

    @Test
    void anEvaluationOfTheExplosiveCrnCountsEveryExampleAsStopped() {
        Crn crn = nn2crn.simulate.Examples.withOutputs(EXPLOSIVE, List.of(Examples.parseOutput("y=A")));
        List<Evaluation.Example> examples = List.of(new Evaluation.Example(0, new double[]{10}, 0, -1, null),
                new Evaluation.Example(1, new double[]{1}, 0, -1, null));
        Evaluation.Settings settings = new Evaluation.Settings(5, 1, SolverSettings.DEFAULT, RateSpec.UNIFORM, Set.of());
        Evaluation.Outcome outcome = Evaluation.run(crn, examples, settings, dir, false, (d, t, s) -> { });
        for (ResultRow r : outcome.rows()) {
            assertFalse(r.completed());
            assertTrue(r.finalTime() > 0 && Double.isFinite(r.finalTime()), "final time " + r.finalTime());
        }
        Map<String, Object> s = Evaluation.summarize(outcome.rows(), settings, 1, 2);
        assertEquals(0, s.get("completed"));
        assertNull(s.get("crn_accuracy"), "no completed example, no accuracy");
    }

    @Test
    void settingsMustBeSensible() {
        for (double tMax : new double[]{-1, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new Evaluation.Settings(tMax, 1, SolverSettings.DEFAULT,
                    RateSpec.UNIFORM, Set.of()), "t_max " + tMax);
        }
        assertThrows(IllegalArgumentException.class, () -> new Evaluation.Settings(1, 0, SolverSettings.DEFAULT,
                RateSpec.UNIFORM, Set.of()));
    }

    @Test
    void resumeRefusesRowsMadeWithOtherSettingsAndKeepsEachExampleOnce() throws Exception {
        Network network = TestNetworks.random(new Random(6), new int[]{2, 3, 2}, new double[]{-1, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = EvaluationTest.examples(network, crn, 20, 8);
        Evaluation.Settings at50 = new Evaluation.Settings(50, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM, Set.of());
        Evaluation.run(crn, examples, at50, dir, false, (d, t, s) -> { });
        Path results = dir.resolve(Evaluation.RESULTS_FILE);

        // another t_max, solver or rates: refused, naming what differs
        Evaluation.Settings at100 = new Evaluation.Settings(100, 2, SolverSettings.DEFAULT, RateSpec.UNIFORM, Set.of());
        CrnException e = assertThrows(CrnException.class,
                () -> Evaluation.run(crn, examples, at100, dir, true, (d, t, s) -> { }));
        assertTrue(e.getMessage().contains("t_max 50.0, now 100.0"), e.getMessage());
        Evaluation.Settings rosenbrock = new Evaluation.Settings(50, 2, new SolverSettings(SolverSettings.Method.ROSENBROCK,
                1e-6, 1e-9, 0, 1000), RateSpec.UNIFORM, Set.of());
        assertTrue(assertThrows(CrnException.class, () -> Evaluation.run(crn, examples, rosenbrock, dir, true,
                (d, t, s) -> { })).getMessage().contains("solver"));
        assertTrue(assertThrows(CrnException.class, () -> Evaluation.run(crn, examples.subList(0, 10), at50, dir, true,
                (d, t, s) -> { })).getMessage().contains("examples"));

        // a duplicated row (a crash between the append and the sorted rewrite) counts once
        List<String> lines = new ArrayList<>(Files.readAllLines(results));
        lines.add(lines.get(3));
        Files.write(results, lines);
        Evaluation.Outcome resumed = Evaluation.run(crn, examples, at50, dir, true, (d, t, s) -> { });
        assertEquals(0, resumed.simulated());
        assertEquals(20, resumed.rows().size());
        assertEquals(21, Files.readAllLines(results).size(), "rewritten without the duplicate");

        // the pipeline's mode starts over when the settings differ
        Evaluation.Outcome fresh = Evaluation.run(crn, examples, at100, dir, Evaluation.Resume.IF_SAME, (d, t, s) -> { });
        assertEquals(20, fresh.simulated());
        assertEquals(100.0, Evaluation.summarize(fresh.rows(), at100, 1, 20).get("t_max"));
    }

    @Test
    void finishedResultsAreSortedByExample() throws Exception {
        Network network = TestNetworks.random(new Random(9), new int[]{3, 6, 3}, new double[]{-1, 0, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = EvaluationTest.examples(network, crn, 40, 8);
        TimeCourse course = TimeCourse.parse("0,1,5", List.of());
        Evaluation.Settings settings = new Evaluation.Settings(20, 4, SolverSettings.DEFAULT, RateSpec.UNIFORM, Set.of(),
                course);
        Evaluation.run(crn, examples, settings, dir, false, (d, t, s) -> { });
        List<String> rows = Files.readAllLines(dir.resolve(Evaluation.RESULTS_FILE));
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).startsWith((i - 1) + ","), rows.get(i));
        }
        List<String> times = Files.readAllLines(dir.resolve(TimeCourse.FILE));
        assertEquals(1 + 40 * 3, times.size());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i).startsWith((i - 1) / 3 + ","), times.get(i));
        }
    }
}
