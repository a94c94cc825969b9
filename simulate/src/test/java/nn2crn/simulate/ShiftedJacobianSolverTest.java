package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matrix-free solve of {@code (I - c J) x = b} against the dense matrix built from finite
 * differences of the right-hand side: the residual of its solution is round-off, for feed-forward
 * CRNs (blocks of 1 and 2), CRNs with feedback (larger blocks, LU), higher-order reactants and
 * stoichiometries beyond a byte.
 */
class ShiftedJacobianSolverTest {

    @Test
    void feedForwardCompiledCrns() {
        Network network = TestNetworks.random(new Random(3), new int[]{6, 5, 4, 3}, new double[]{-1, 0, 1});
        for (CompileOptions options : new CompileOptions[]{CompileOptions.of(Scheme.RATE_INDEPENDENT),
                CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true), CompileOptions.of(Scheme.SMOOTH_RELU)}) {
            Crn crn = CrnCompiler.compile(network, options);
            assertSolves(new MassActionSystem(crn), 11, 0.7);
        }
    }

    @Test
    void feedbackMakesLargerBlocksSolvedByLu() {
        // a 3-cycle with a bimolecular step and a feed-forward tail: one block of 3, then 1x1 blocks
        MassActionSystem cycle = new MassActionSystem(CrnText.parse("""
                A -> B
                B + C -> 2 C
                C -> A
                C -> D + E
                2 D -> F
                """, "t", "t"));
        assertEquals(3, cycle.largestBlock());
        assertSolves(cycle, 5, 0.3);
        // the Vilar oscillator: feedback through several species, reversible binding
        MassActionSystem vilar = new MassActionSystem(CrnText.parse("""
                DA + A -> DpA [k = 1]
                DpA -> DA + A [k = 50]
                DR + A -> DpR [k = 1]
                DpR -> DR + A [k = 100]
                DpA -> MA + DpA [k = 500]
                DA -> MA + DA [k = 50]
                DpR -> MR + DpR [k = 50]
                DR -> MR + DR [k = 0.01]
                MA -> MA + A [k = 50]
                MR -> MR + R [k = 5]
                A + R -> C [k = 2]
                C -> R [k = 1]
                A -> [k = 1]
                R -> [k = 0.2]
                MA -> [k = 10]
                MR -> [k = 0.5]
                """, "t", "t"));
        assertTrue(vilar.largestBlock() > 2);
        assertSolves(vilar, 9, 0.05);
    }

    @Test
    void largeStoichiometryTakesTheUnpackedPath() {
        MassActionSystem small = new MassActionSystem(CrnText.parse("A -> 3 B\nA + B -> C", "t", "t"));
        assertNotNull(small.packedChanges);
        MassActionSystem large = new MassActionSystem(CrnText.parse("A -> 300 B\nA + B -> C\nB -> D", "t", "t"));
        assertNull(large.packedChanges);
        assertSolves(large, 2, 0.01);
        double[] x = {2, 3, 0, 0};
        double[] dx = new double[4];
        large.derivative(x, dx);
        assertEquals(-2 - 6, dx[0], 1e-12);
        assertEquals(600 - 6 - 3, dx[1], 1e-12);
    }

    private static void assertSolves(MassActionSystem system, long seed, double c) {
        Random random = new Random(seed);
        int n = system.species();
        ShiftedJacobianSolver solver = new ShiftedJacobianSolver(system);
        for (int trial = 0; trial < 5; trial++) {
            double[] y = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() * 3;
                b[i] = random.nextGaussian();
            }
            double[][] m = shiftedByFiniteDifferences(system, y, c);
            assertTrue(solver.prepare(y, c));
            double[] x = new double[n];
            solver.solve(b, x);
            double scale = 1;
            for (int i = 0; i < n; i++) {
                double r = -b[i];
                for (int j = 0; j < n; j++) {
                    r += m[i][j] * x[j];
                    scale = Math.max(scale, Math.abs(m[i][j] * x[j]));
                }
                assertEquals(0, r, 1e-6 * scale, "residual of row " + i + " in trial " + trial);
            }
            // in place: x and b the same array
            double[] inPlace = b.clone();
            solver.solve(inPlace, inPlace);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], inPlace[i], 1e-12 * Math.max(1, Math.abs(x[i])));
            }
        }
    }

    /** I - c J with J by central differences of the right-hand side (exact for mass action up to degree 2). */
    private static double[][] shiftedByFiniteDifferences(MassActionSystem system, double[] y, double c) {
        int n = system.species();
        double[][] m = new double[n][n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int j = 0; j < n; j++) {
            double h = 1e-4 * Math.max(1, Math.abs(y[j]));
            double[] yp = y.clone();
            double[] ym = y.clone();
            yp[j] += h;
            ym[j] -= h;
            system.derivative(yp, plus);
            system.derivative(ym, minus);
            for (int i = 0; i < n; i++) {
                m[i][j] = (i == j ? 1 : 0) - c * (plus[i] - minus[i]) / (2 * h);
            }
        }
        return m;
    }
}
