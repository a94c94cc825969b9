package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15: the SSA against closed forms, the chemical master equation, the ODE and exact final counts. */
class StochasticSimulatorTest {

    private static StochasticSimulator.Run run(Crn crn, double perUnit, long[] start, double tMax, long seed) {
        return new StochasticSimulator(new StochasticSystem(crn, perUnit)).run(start, tMax, Long.MAX_VALUE,
                new SplittableRandom(seed), null, null);
    }

    /** A -> B at rate k: each of n molecules survives to t with probability e^{-kt}, so survivors are binomial. */
    @Test
    void decaySurvivorsAreBinomial() {
        Crn crn = CrnText.parse("A -> B [k = 0.7]\n", "t", "t");
        int n = 50;
        double t = 1.3;
        double p = Math.exp(-0.7 * t);
        int trials = 20_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < trials; i++) {
            long survivors = run(crn, 1, new long[]{n, 0}, t, i).state()[0];
            sum += survivors;
            sumSquares += survivors * survivors;
        }
        double mean = sum / trials;
        double variance = sumSquares / trials - mean * mean;
        double expectedVariance = n * p * (1 - p);
        // 20,000 trials: the standard error of the mean is sqrt(var / trials) ~ 0.025
        assertEquals(n * p, mean, 0.1, "mean");
        assertEquals(expectedVariance, variance, 0.05 * expectedVariance, "variance");
    }

    /**
     * A + B -> C from 6 and 4 molecules in a volume of 2: the number of C is a pure-birth chain
     * with rates k (6 - c)(4 - c) / 2, whose master equation is integrated here directly.
     */
    @Test
    void bimolecularMatchesTheChemicalMasterEquation() {
        Crn crn = CrnText.parse("A + B -> C [k = 0.5]\n", "t", "t");
        double volume = 2;
        double t = 0.8;
        double[] p = new double[5];
        p[0] = 1;
        int steps = 100_000;
        double dt = t / steps;
        for (int s = 0; s < steps; s++) {
            double[] dp = new double[5];
            for (int c = 0; c < 5; c++) {
                double rate = 0.5 * (6 - c) * (4 - c) / volume;
                dp[c] -= rate * p[c];
                if (c < 4) {
                    dp[c + 1] += rate * p[c];
                }
            }
            for (int c = 0; c < 5; c++) {
                p[c] += dt * dp[c];
            }
        }
        double mean = 0;
        double second = 0;
        for (int c = 0; c < 5; c++) {
            mean += c * p[c];
            second += c * c * p[c];
        }
        double variance = second - mean * mean;
        int trials = 40_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < trials; i++) {
            long c = run(crn, volume, new long[]{6, 4, 0}, t, 1000 + i).state()[2];
            sum += c;
            sumSquares += c * c;
        }
        double ssaMean = sum / trials;
        assertEquals(mean, ssaMean, 0.015, "mean");
        assertEquals(variance, sumSquares / trials - ssaMean * ssaMean, 0.03, "variance");
    }

    @Test
    void largeCountsFollowTheOde() {
        Crn crn = CrnText.parse("A + B -> C\nC -> A [k = 0.3]\n", "t", "t");
        double t = 2;
        Simulator ode = new Simulator(crn.withOutputs(java.util.List.of(new nn2crn.crn.CrnOutput("c", "C", null))),
                new MassActionSystem(crn), new SolverSettings(SolverSettings.Method.DP54, 1e-10, 1e-12, 0, 100_000));
        double expected = ode.run(0, new double[]{1, 0.8, 0}, t, false).outputs()[0];
        double perUnit = 1e5;
        StochasticSystem system = new StochasticSystem(crn, perUnit);
        double c = new StochasticSimulator(system).run(system.counts(new double[]{1, 0.8, 0}), t, Long.MAX_VALUE,
                new SplittableRandom(3), null, null).state()[2] / perUnit;
        assertEquals(expected, c, 0.01 * expected);
    }

    /**
     * A rate-independent CRN's final counts do not depend on the order of firings: every SSA run
     * ends in the exact state, with the array (at most 64 reactions) and the tree alike.
     */
    @Test
    void everyRunOfARateIndependentCrnEndsInTheExactFinalCounts() {
        int[][] shapes = {{3, 4, 2}, {5, 16, 4}};
        for (int k = 0; k < shapes.length; k++) {
            Network network = TestNetworks.random(new Random(21), shapes[k], new double[]{-1, 0, 1, 2});
            Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
            // the first CRN uses the propensity array, the second the sum tree
            assertEquals(k == 0, crn.reactions().size() <= StochasticSimulator.LINEAR_UP_TO);
            StochasticSystem system = new StochasticSystem(crn, 37);
            StochasticSimulator simulator = new StochasticSimulator(system);
            Random random = new Random(5);
            for (int example = 0; example < 5; example++) {
                long[] start = system.counts(crn.initialState(TestNetworks.randomInput(random, network.inputs())));
                long[] exact = Completion.stableCounts(crn, start);
                for (int r = 0; r < 50; r++) {
                    StochasticSimulator.Run run = simulator.run(start, Double.POSITIVE_INFINITY, Long.MAX_VALUE,
                            StochasticEvaluation.random(9, example, r), null, null);
                    assertEquals(StochasticSimulator.Status.FINAL, run.status(), crn.reactions().size() + " reactions");
                    assertArrayEquals(exact, run.state());
                }
            }
        }
    }

    @Test
    void seedsReproduceRunsAndEventBudgetsStopExplosions() {
        Crn crn = CrnText.parse("A -> B [k = 2]\nB -> C\n", "t", "t");
        StochasticSimulator.Run a = run(crn, 1, new long[]{100, 0, 0}, 1, 42);
        StochasticSimulator.Run b = run(crn, 1, new long[]{100, 0, 0}, 1, 42);
        assertArrayEquals(a.state(), b.state());
        assertEquals(a.events(), b.events());
        assertNotEquals(Arrays.toString(a.state()), Arrays.toString(run(crn, 1, new long[]{100, 0, 0}, 1, 43).state()));

        Crn explosive = CrnText.parse("A + A -> 3 A\n", "t", "t");
        StochasticSimulator.Run boom = new StochasticSimulator(new StochasticSystem(explosive, 1)).run(new long[]{10},
                Double.POSITIVE_INFINITY, 10_000, new SplittableRandom(1), null, null);
        assertTrue(boom.status() == StochasticSimulator.Status.EVENT_BUDGET
                || boom.status() == StochasticSimulator.Status.OVERFLOW, boom.status().toString());
        assertTrue(boom.events() <= 10_000);
        assertTrue(!boom.status().completed());
    }
}
