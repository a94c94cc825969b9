package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Readout;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 27: several examples integrated at once give each example exactly the one-example result
 * (outputs, statuses, steps, times, bit for bit), and the certified early stop of rate-independent
 * CRNs stops where the outputs' remaining change is below the tolerance, with that change recorded.
 */
class BatchedIntegrationTest {

    @TempDir
    Path dir;

    private static final Network NETWORK = TestNetworks.random(new Random(21), new int[]{5, 6, 4, 3},
            new double[]{-1, 0, 1});

    private static Evaluation.Settings settings(SolverSettings solver, double tMax, int lanes) {
        return new Evaluation.Settings(tMax, 2, solver, RateSpec.UNIFORM, Set.of(0, 4)).withLanes(lanes);
    }

    private List<ResultRow> run(Crn crn, List<Evaluation.Example> examples, Evaluation.Settings settings, String name) {
        return Evaluation.run(crn, examples, settings, dir.resolve(name), false, (d, t, s) -> { }).rows();
    }

    private static void assertSameRows(List<ResultRow> one, List<ResultRow> batched) {
        assertEquals(one.size(), batched.size());
        for (int i = 0; i < one.size(); i++) {
            ResultRow a = one.get(i);
            ResultRow b = batched.get(i);
            String where = "example " + a.example();
            assertEquals(a.example(), b.example(), where);
            assertArrayEquals(a.crnOutputs(), b.crnOutputs(), 0, where);
            assertEquals(a.status(), b.status(), where);
            assertEquals(a.finalTime(), b.finalTime(), 0, where);
            assertEquals(a.steps(), b.steps(), where);
            assertEquals(a.rejectedSteps(), b.rejectedSteps(), where);
            assertEquals(a.rhsEvaluations(), b.rhsEvaluations(), where);
            assertEquals(a.jacobianEvaluations(), b.jacobianEvaluations(), where);
            assertEquals(a.argmaxTime(), b.argmaxTime(), 0, where);
            assertEquals(a.settleTime(), b.settleTime(), 0, where);
            assertEquals(a.remainingChange(), b.remainingChange(), 0, where);
        }
    }

    @Test
    void batchedEqualsOneAtATimeForEveryStatus() {
        Crn crn = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        // 11 examples over 3 or 8 lanes: lanes refill, and the last block runs with idle lanes
        List<Evaluation.Example> examples = EvaluationTest.examples(NETWORK, crn, 11, 22);
        SolverSettings d = SolverSettings.DEFAULT;
        List<SolverSettings> solvers = List.of(
                new SolverSettings(SolverSettings.Method.AUTO, d.rtol(), d.atol(), 0, d.maxSteps()),
                new SolverSettings(SolverSettings.Method.DOPRI5, 1e-4, 1e-8, 0, d.maxSteps()),
                new SolverSettings(SolverSettings.Method.AUTO, d.rtol(), d.atol(), 0, d.maxSteps(),
                        SolverSettings.ErrorScale.PEAK),
                // steady states: examples end at different steps
                new SolverSettings(SolverSettings.Method.DOPRI5, d.rtol(), d.atol(), 1e-3, d.maxSteps()),
                // a step budget some examples exhaust
                new SolverSettings(SolverSettings.Method.DOPRI5, d.rtol(), d.atol(), 0, 60),
                new SolverSettings(SolverSettings.Method.AUTO, d.rtol(), d.atol(), 0, d.maxSteps())
                        .withSettleTolerance(1e-3));
        for (int s = 0; s < solvers.size(); s++) {
            List<ResultRow> one = run(crn, examples, settings(solvers.get(s), 200, 1), "one-" + s);
            for (int lanes : new int[]{3, 8}) {
                assertSameRows(one, run(crn, examples, settings(solvers.get(s), 200, lanes), "batch-" + s + "-" + lanes));
            }
        }
        List<ResultRow> budget = run(crn, examples, settings(solvers.get(4), 200, 1), "budget");
        assertTrue(budget.stream().anyMatch(r -> r.status().equals("step-budget")), "some example ran out of steps");
        List<ResultRow> steady = run(crn, examples, settings(solvers.get(3), 200, 1), "steady");
        assertTrue(steady.stream().anyMatch(r -> r.status().equals("steady")), "some example reached a steady state");
    }

    /** Inputs that are 0 in most examples (as MNIST's pixels): the right-hand side then skips most lanes of a reaction. */
    @Test
    void batchedEqualsOneAtATimeWithSparseInputs() {
        Crn crn = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        Random random = new Random(25);
        List<Evaluation.Example> examples = new java.util.ArrayList<>();
        for (int e = 0; e < 13; e++) {
            double[] x = TestNetworks.randomInput(random, NETWORK.inputs());
            for (int i = 0; i < x.length; i++) {
                if ((e + i) % 6 != 0) {
                    x[i] = 0;
                }
            }
            examples.add(new Evaluation.Example(e, crn.initialState(x), -1, nn2crn.network.ForwardPass.predict(NETWORK, x),
                    nn2crn.network.ForwardPass.outputs(NETWORK, x)));
        }
        List<ResultRow> one = run(crn, examples, settings(SolverSettings.DEFAULT, 100, 1), "sparse-one");
        for (int lanes : new int[]{4, 8, 16}) {
            assertSameRows(one, run(crn, examples, settings(SolverSettings.DEFAULT, 100, lanes), "sparse-" + lanes));
        }
    }

    @Test
    void settledStopsOnceTheRemainingChangeIsBelowTheTolerance() {
        Crn crn = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = EvaluationTest.examples(NETWORK, crn, 10, 23);
        RemainingChange remaining = RemainingChange.of(crn);
        assertNotNull(remaining);
        // from the start, the remaining change is the whole way to the network's outputs
        for (Evaluation.Example e : examples) {
            double largest = 0;
            double[] start = new OutputReader(crn).read(e.start());
            for (int j = 0; j < start.length; j++) {
                largest = Math.max(largest, Math.abs(e.expected()[j] - start[j]));
            }
            assertEquals(largest, remaining.at(e.start()), 1e-9);
            assertEquals(0, remaining.at(Completion.stableState(crn, e.start())), 1e-12);
        }
        double tolerance = 1e-4;
        SolverSettings solver = SolverSettings.DEFAULT.withSettleTolerance(tolerance);
        List<ResultRow> rows = run(crn, examples, settings(solver, 1e6, 8), "settled");
        for (int i = 0; i < rows.size(); i++) {
            ResultRow r = rows.get(i);
            assertEquals("settled", r.status(), "example " + i + " stops long before t_max 1e6");
            assertTrue(r.finalTime() < 1e6);
            assertTrue(r.remainingChange() < tolerance, "recorded remaining change " + r.remainingChange());
            // what is left to move is what separates the outputs from the network's (up to the integration's error)
            assertArrayEquals(examples.get(i).expected(), r.crnOutputs(), tolerance + 1e-5);
        }
        // without a tolerance every example runs to t_max, each with its remaining change recorded
        for (ResultRow r : run(crn, examples, settings(SolverSettings.DEFAULT, 50, 8), "to-t-max")) {
            assertEquals("t-max", r.status());
            assertTrue(r.remainingChange() >= 0 && r.remainingChange() < 0.1, "remaining " + r.remainingChange());
        }
    }

    /** A results file written before the remaining_change column resumes: its rows are kept, the file rewritten in today's columns. */
    @Test
    void resultsWithoutTheRemainingChangeColumnResume() throws Exception {
        Crn crn = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = EvaluationTest.examples(NETWORK, crn, 6, 26);
        Evaluation.Settings settings = settings(SolverSettings.DEFAULT, 50, 1);
        Path out = dir.resolve("old");
        List<ResultRow> first = run(crn, examples, settings, "old");
        Path results = out.resolve(Evaluation.RESULTS_FILE);
        List<String> lines = java.nio.file.Files.readAllLines(results);
        List<String> old = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            // the first three examples, without the last column
            old.add(lines.get(k).substring(0, lines.get(k).lastIndexOf(',')));
        }
        java.nio.file.Files.write(results, old);
        Evaluation.Outcome again = Evaluation.run(crn, examples, settings, out, Evaluation.Resume.IF_SAME, (d, t, s) -> { });
        assertEquals(3, again.simulated(), "the three old rows are kept");
        assertTrue(Double.isNaN(again.rows().get(0).remainingChange()));
        assertEquals(first.get(5).remainingChange(), again.rows().get(5).remainingChange(), 0);
        assertEquals(String.join(",", ResultRow.header(crn.outputs().size())), java.nio.file.Files.readAllLines(results).get(0));
    }

    @Test
    void noCertificateForRateDependentCrns() {
        Crn wta = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT)
                .withReadout(Readout.WTA, nn2crn.compile.ReadoutOffset.given(2.0), null));
        assertNull(RemainingChange.of(wta), "winner-take-all competes for its outputs");
        Crn smooth = CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.SMOOTH_RELU));
        assertNull(RemainingChange.of(smooth));
        assertNotNull(RemainingChange.of(CrnCompiler.compile(NETWORK, CompileOptions.of(Scheme.RATE_INDEPENDENT)
                .withReadout(Readout.SUBTRACT, nn2crn.compile.ReadoutOffset.given(2.0), null))));
        // a settle tolerance on such a CRN changes nothing: it integrates to t_max
        List<Evaluation.Example> examples = EvaluationTest.examples(NETWORK, wta, 3, 24);
        for (ResultRow r : run(wta, examples, settings(SolverSettings.DEFAULT.withSettleTolerance(1e-2), 100, 8), "wta")) {
            assertEquals("t-max", r.status());
            assertTrue(Double.isNaN(r.remainingChange()));
        }
    }
}
