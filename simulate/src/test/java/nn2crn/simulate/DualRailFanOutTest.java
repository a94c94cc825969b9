package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.crn.Reaction;
import nn2crn.network.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dense evaluation of dual-rail fan-out layers is the scatter's arithmetic in another order:
 * the right-hand side and the solve of {@code (I - c J) x = b} agree with the plain scatter's to
 * round-off, and only reactions that mirror exactly are taken.
 */
class DualRailFanOutTest {

    private static double[] rates(Crn crn) {
        return crn.reactions().stream().mapToDouble(Reaction::rate).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "ternary", "integer"})
    void denseLayersGiveTheScattersDerivativeAndSolve(String weights) {
        double[] values = switch (weights) {
            case "binary" -> new double[]{-1, 1};
            case "ternary" -> new double[]{-1, 0, 1};
            default -> new double[]{-2, -1, 0, 1, 3};
        };
        Network network = TestNetworks.random(new Random(7), new int[]{8, 6, 5, 3}, values);
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        Random random = new Random(11);
        double[] k = rates(crn);
        for (int r = 0; r < k.length; r++) {
            k[r] *= 0.5 + random.nextDouble(); // unequal rates: the fluxes are what is summed
        }
        MassActionSystem dense = new MassActionSystem(crn, k, 1);
        MassActionSystem scatter = new MassActionSystem(crn, k, Integer.MAX_VALUE);
        // a family per layer when every layer may be dense (with zero weights a small layer may
        // split or fall below a quarter full)
        assertTrue(dense.denseFanOuts() >= (weights.equals("binary") ? 3 : 2), weights + ": " + dense.denseFanOuts());
        assertEquals(0, scatter.denseFanOuts());
        // by default only layers large enough to pay: none of these
        assertEquals(0, new MassActionSystem(crn, k).denseFanOuts());

        int n = dense.species();
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble() * Math.pow(10, random.nextInt(5) - 2);
            }
            double[] expected = new double[n];
            double[] actual = new double[n];
            scatter.derivative(x, expected);
            dense.derivative(x, actual);
            assertClose(expected, actual, "derivative, " + weights);

            ShiftedJacobianSolver denseSolver = new ShiftedJacobianSolver(dense);
            ShiftedJacobianSolver scatterSolver = new ShiftedJacobianSolver(scatter);
            double c = 0.05 + random.nextDouble();
            assertTrue(denseSolver.prepare(x, c));
            assertTrue(scatterSolver.prepare(x, c));
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = random.nextGaussian();
            }
            double[] solvedScatter = new double[n];
            double[] solvedDense = new double[n];
            scatterSolver.solve(b, solvedScatter);
            denseSolver.solve(b, solvedDense);
            assertClose(solvedScatter, solvedDense, "solve, " + weights);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * scale, what + " at species " + i);
        }
    }

    /** Four source pairs onto four target pairs, the minus rails' products mirrored or not. */
    private static String fanOut(boolean mirrored) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            StringBuilder plus = new StringBuilder("s" + i + "_pos ->");
            StringBuilder minus = new StringBuilder("s" + i + "_neg ->");
            for (int j = 0; j < 4; j++) {
                boolean positive = (i + j) % 3 != 0;
                plus.append(j == 0 ? " " : " + ").append("t").append(j).append(positive ? "_pos" : "_neg");
                // unmirrored: the last source's minus rail repeats its plus rail's products
                boolean flip = mirrored || i < 3;
                minus.append(j == 0 ? " " : " + ").append("t").append(j).append(positive == flip ? "_neg" : "_pos");
            }
            text.append(plus).append('\n').append(minus).append('\n');
        }
        return text.toString();
    }

    @Test
    void onlyExactMirrorsAreTaken() {
        Crn mirrored = CrnText.parse(fanOut(true), "t", "t");
        Crn unmirrored = CrnText.parse(fanOut(false), "t", "t");
        assertEquals(1, new MassActionSystem(mirrored, rates(mirrored), 1).denseFanOuts());
        // the broken pair drops out; the three others still form a family
        MassActionSystem broken = new MassActionSystem(unmirrored, rates(unmirrored), 1);
        assertEquals(1, broken.denseFanOuts());
        assertEquals(3, broken.fanOuts[0].sources);

        MassActionSystem dense = new MassActionSystem(mirrored, rates(mirrored), 1);
        MassActionSystem scatter = new MassActionSystem(mirrored, rates(mirrored), Integer.MAX_VALUE);
        double[] x = new double[dense.species()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i;
        }
        double[] expected = new double[x.length];
        double[] actual = new double[x.length];
        scatter.derivative(x, expected);
        dense.derivative(x, actual);
        assertClose(expected, actual, "derivative");
    }
}
