package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolverTest {

    private static final SolverSettings TIGHT = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-8, 1e-10, 0, 1_000_000);

    private static SolverSettings tight(SolverSettings.Method method) {
        return new SolverSettings(method, TIGHT.rtol(), TIGHT.atol(), 0, TIGHT.maxSteps());
    }

    private static Solution solve(Crn crn, SolverSettings settings, double[] start, double tMax) {
        return settings.create(new MassActionSystem(crn)).solve(start, tMax, StepObserver.NONE);
    }

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void exponentialDecay(SolverSettings.Method method) {
        Crn crn = CrnText.parse("A @initial 2\nA -> B [k = 0.7]", "t", "t");
        Solution s = solve(crn, tight(method), new double[]{2, 0}, 3);
        assertEquals(SolverStatus.T_MAX, s.status());
        assertEquals(3, s.time(), 1e-12);
        assertEquals(2 * Math.exp(-2.1), s.state()[0], 1e-6);
        assertEquals(2 - 2 * Math.exp(-2.1), s.state()[1], 1e-6);
    }

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void bimolecularClosedForm(SolverSettings.Method method) {
        // A + B -> C with A0 = 2, B0 = 1, k = 0.5: A(t) = d / (1 - (B0/A0) exp(-k d t)), d = A0 - B0
        Crn crn = CrnText.parse("A + B -> C [k = 0.5]", "t", "t");
        for (double t : new double[]{0.5, 2, 10}) {
            Solution s = solve(crn, tight(method), new double[]{2, 1, 0}, t);
            double a = 1 / (1 - 0.5 * Math.exp(-0.5 * t));
            assertEquals(a, s.state()[0], 1e-6, "t = " + t);
            assertEquals(a - 1, s.state()[1], 1e-6);
            assertEquals(2 - a, s.state()[2], 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void reversibleReactionReachesEquilibrium(SolverSettings.Method method) {
        Crn crn = CrnText.parse("A <=> B [kf = 2, kr = 0.5]", "t", "t");
        Solution s = solve(crn, tight(method), new double[]{1, 0}, 30);
        assertEquals(0.2, s.state()[0], 1e-7);
        assertEquals(0.8, s.state()[1], 1e-7);
    }

    @Test
    void reluModuleComputesMaxOfZero() {
        Crn crn = CrnText.parse("zp -> m + hp\nm + zn -> hn", "relu", "relu");
        Map<String, Integer> index = crn.speciesIndex();
        for (double[] in : new double[][]{{3, 1}, {1, 3}, {0.5, 0}, {0, 0.5}, {2, 1.5}}) {
            double[] start = new double[crn.species().size()];
            start[index.get("zp")] = in[0];
            start[index.get("zn")] = in[1];
            double[] end = solve(crn, TIGHT, start, 200).state();
            assertEquals(Math.max(0, in[0] - in[1]), end[index.get("hp")] - end[index.get("hn")], 1e-6);
        }
    }

    @Test
    void stopsAtSteadyStateAndHonoursTheStepBudget() {
        Crn crn = CrnText.parse("A -> B", "t", "t");
        Solution steady = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-6, 1e-9, 1e-6, 10_000)
                .create(new MassActionSystem(crn)).solve(new double[]{1, 0}, 1000, StepObserver.NONE);
        assertEquals(SolverStatus.STEADY, steady.status());
        assertTrue(steady.time() < 30, "t " + steady.time());
        Solution budget = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-10, 1e-12, 0, 5)
                .create(new MassActionSystem(crn)).solve(new double[]{1, 0}, 1000, StepObserver.NONE);
        assertEquals(SolverStatus.STEP_BUDGET, budget.status());
        Solution explicitBudget = new SolverSettings(SolverSettings.Method.DP54, 1e-10, 1e-12, 0, 5)
                .create(new MassActionSystem(crn)).solve(new double[]{1, 0}, 1000, StepObserver.NONE);
        assertEquals(SolverStatus.STEP_BUDGET, explicitBudget.status());
    }

    /**
     * Robertson's stiff kinetics (Hairer and Wanner's ROBER; reference values at t = 40 from their
     * RADAU5 runs): auto starts explicit, detects the stiffness and hands over to Rodas4, in a few
     * hundred steps where the explicit method alone is held to its stability limit.
     */
    @Test
    void autoHandsStiffKineticsToTheImplicitMethod() {
        Crn crn = CrnText.parse("A -> B [k = 0.04]\nB + B -> C + B [k = 3e7]\nB + C -> A + C [k = 1e4]", "rober", "rober");
        SolverSettings auto = new SolverSettings(SolverSettings.Method.AUTO, 1e-8, 1e-12, 0, 1_000_000);
        Solution s = solve(crn, auto, new double[]{1, 0, 0}, 40);
        assertEquals(SolverStatus.T_MAX, s.status());
        assertEquals(0.7158270687193587, s.state()[0], 1e-6);
        assertEquals(9.185534764557e-6, s.state()[1], 1e-10);
        assertEquals(0.2841637457458847, s.state()[2], 1e-6);
        assertTrue(s.jacobianEvaluations() > 0, "handed over");
        assertTrue(s.steps() < 2000, "steps " + s.steps());
        Solution explicit = solve(crn, new SolverSettings(SolverSettings.Method.DOPRI5, 1e-8, 1e-12, 0, 1_000_000),
                new double[]{1, 0, 0}, 40);
        assertEquals(0, explicit.jacobianEvaluations());
        assertTrue(explicit.steps() > 10 * s.steps(), "explicit " + explicit.steps() + " vs auto " + s.steps());
    }

    /** Our Dormand-Prince and Commons Math's are one method with one error control: same answers, about the same steps. */
    @Test
    void dopri5MatchesCommonsMathsDormandPrince() {
        Random random = new Random(4);
        Network network = TestNetworks.random(random, new int[]{5, 6, 4}, new double[]{-1, 0, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        double[] start = crn.initialState(TestNetworks.randomInput(random, 5));
        Solution ours = solve(crn, new SolverSettings(SolverSettings.Method.DOPRI5, 1e-6, 1e-9, 0, 100_000), start, 100);
        Solution commons = solve(crn, new SolverSettings(SolverSettings.Method.DP54, 1e-6, 1e-9, 0, 100_000), start, 100);
        assertArrayEquals(crn.outputValues(commons.state()), crn.outputValues(ours.state()), 1e-6);
        assertEquals(commons.steps(), ours.steps(), 0.1 * commons.steps());
    }

    @Test
    void feedForwardCrnsHaveBlocksOfAtMostTwo() {
        Network network = TestNetworks.random(new Random(3), new int[]{6, 5, 4, 3}, new double[]{-1, 0, 1});
        MassActionSystem ri = new MassActionSystem(CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT)));
        assertEquals(2, ri.largestBlock());
        MassActionSystem reduced = new MassActionSystem(CrnCompiler.compile(network,
                CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true)));
        assertEquals(2, reduced.largestBlock());
        MassActionSystem smooth = new MassActionSystem(CrnCompiler.compile(network, CompileOptions.of(Scheme.SMOOTH_RELU)));
        assertEquals(1, smooth.largestBlock());
        // feedback: A + B -> 2 B, B -> A couples both into one block
        assertEquals(2, new MassActionSystem(CrnText.parse("A + B -> 2 B\nB -> A", "t", "t")).largestBlock());
    }

    /** The implicit and the explicit integrators agree, and the end state is the network's output. */
    @Test
    void rateIndependentCrnReachesTheForwardPassWithEverySolver() {
        Random random = new Random(8);
        Network network = TestNetworks.random(random, new int[]{4, 6, 3}, new double[]{-1, 0, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        for (int k = 0; k < 5; k++) {
            double[] x = TestNetworks.randomInput(random, 4);
            double[] start = crn.initialState(x);
            double[] exact = crn.outputValues(Completion.stableState(crn, start));
            double[] implicit = crn.outputValues(solve(crn, TIGHT, start, 5000).state());
            double[] explicit = crn.outputValues(solve(crn, tight(SolverSettings.Method.DP54), start, 5000).state());
            assertArrayEquals(exact, implicit, 2e-3);
            assertArrayEquals(implicit, explicit, 1e-5);
            assertArrayEquals(ForwardPass.outputs(network, x), exact, 1e-9);
        }
    }

    @Test
    void smoothReluNeuronConvergesToSEps() {
        Layer layer = new Layer(Activation.SMOOTH_RELU, 0.01, new double[][]{{1, -1}}, new double[]{0.2});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1}}, new double[]{0});
        Network network = new Network("n", 2, List.of("a", "b"), List.of("y"), Map.of(),
                new InputRange(new double[]{0, 0}, new double[]{1, 1}), List.of(layer, out));
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.SMOOTH_RELU));
        Network expected = CrnCompiler.expectedFunction(network, crn);
        for (double[] x : new double[][]{{0.9, 0.1}, {0.1, 0.9}, {0.4, 0.6}}) {
            Solution s = solve(crn, TIGHT, crn.initialState(x), 200);
            assertArrayEquals(ForwardPass.outputs(expected, x), crn.outputValues(s.state()), 1e-6);
        }
    }
}
