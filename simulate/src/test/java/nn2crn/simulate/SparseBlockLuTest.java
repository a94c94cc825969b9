package nn2crn.simulate;

import nn2crn.crn.CrnText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sparse factors of a diagonal block against a dense solve: stars (a DNA gate's block), random
 * sparse patterns, and the refusal of a small pivot (the caller then pivots densely).
 */
class SparseBlockLuTest {

    /** Row-major dense matrix with the given off-diagonal pattern, random entries, a dominant diagonal. */
    private static double[] matrix(int size, int[] positions, Random random) {
        double[] a = new double[size * size];
        for (int p : positions) {
            a[p] = random.nextGaussian();
        }
        for (int d = 0; d < size; d++) {
            a[d * size + d] = 2 + size * random.nextDouble();
        }
        return a;
    }

    private static double[] denseSolve(int size, double[] matrix, double[] b) {
        double[] a = matrix.clone();
        double[] x = b.clone();
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int row = col + 1; row < size; row++) {
                if (Math.abs(a[row * size + col]) > Math.abs(a[pivot * size + col])) {
                    pivot = row;
                }
            }
            for (int k = 0; k < size; k++) {
                double t = a[col * size + k];
                a[col * size + k] = a[pivot * size + k];
                a[pivot * size + k] = t;
            }
            double t = x[col];
            x[col] = x[pivot];
            x[pivot] = t;
            for (int row = col + 1; row < size; row++) {
                double f = a[row * size + col] / a[col * size + col];
                for (int k = col; k < size; k++) {
                    a[row * size + k] -= f * a[col * size + k];
                }
                x[row] -= f * x[col];
            }
        }
        for (int row = size - 1; row >= 0; row--) {
            double sum = x[row];
            for (int k = row + 1; k < size; k++) {
                sum -= a[row * size + k] * x[k];
            }
            x[row] = sum / a[row * size + row];
        }
        return x;
    }

    private static SparseBlockLu assembled(int size, int[] positions, double[] a) {
        SparseBlockLu lu = SparseBlockLu.of(size, positions);
        assertNotNull(lu);
        lu.clear();
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                if (a[row * size + col] != 0) {
                    lu.values()[lu.indexOf(row, col)] += a[row * size + col];
                }
            }
        }
        return lu;
    }

    private static void assertSolvesLikeDense(int size, int[] positions, long seed) {
        Random random = new Random(seed);
        double[] a = matrix(size, positions, random);
        SparseBlockLu lu = assembled(size, positions, a);
        assertTrue(lu.factor());
        double[] b = new double[size];
        for (int i = 0; i < size; i++) {
            b[i] = random.nextGaussian();
        }
        double[] expected = denseSolve(size, a, b);
        int[] species = new int[size + 3];
        for (int i = 0; i < size; i++) {
            species[3 + i] = size - 1 - i; // the block's species in another order, from an offset
        }
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[species[3 + i]] = b[i];
        }
        lu.solve(x, species, 3);
        for (int i = 0; i < size; i++) {
            assertEquals(expected[i], x[species[3 + i]], 1e-10 * Math.max(1, Math.abs(expected[i])), "unknown " + i);
        }
    }

    @Test
    void starsAndRandomPatternsSolveAsDenseElimination() {
        // a star: hub 0 coupled both ways to every leaf, leaves coupled to nothing else
        int size = 60;
        List<Integer> star = new ArrayList<>();
        for (int leaf = 1; leaf < size; leaf++) {
            star.add(leaf);
            star.add(leaf * size);
        }
        int[] starPattern = star.stream().mapToInt(Integer::intValue).toArray();
        assertSolvesLikeDense(size, starPattern, 1);
        // eliminated leaves first, the star factors without fill: one update per leaf and the hub's own
        SparseBlockLu lu = SparseBlockLu.of(size, starPattern);
        assertEquals(size + 2 * (size - 1), lu.values().length, "entries: the diagonal and the hub's row and column");
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            int n = 3 + random.nextInt(40);
            List<Integer> pattern = new ArrayList<>();
            for (int p = 0; p < n * n; p++) {
                if (p / n != p % n && random.nextDouble() < 0.15) {
                    pattern.add(p);
                }
            }
            assertSolvesLikeDense(n, pattern.stream().mapToInt(Integer::intValue).toArray(), 100 + trial);
        }
    }

    @Test
    void aSmallPivotIsRefused() {
        // [[1e-9, 1, 0], [1, 1, 1], [0, 1, 1]]: the first pivot in minimum-degree order is the 1e-9
        int size = 3;
        int[] pattern = {1, 3, 5, 7};
        double[] a = {1e-9, 1, 0, 1, 1, 1, 0, 1, 1};
        SparseBlockLu lu = assembled(size, pattern, a);
        assertFalse(lu.factor(), "pivot 1e-9 under an entry of 1");
    }

    @Test
    void theSolverFallsBackToDensePivotingAndSolvesGateBlocks() {
        // a DNA gate's block: one gate binding 30 signals reversibly, each bound complex releasing an output
        StringBuilder crn = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            crn.append("G + X").append(i).append(" -> I").append(i).append(" [k = 3]\n");
            crn.append("I").append(i).append(" -> G + X").append(i).append(" [k = 0.5]\n");
            crn.append("I").append(i).append(" -> W").append(i).append(" + Y [k = 0.2]\n");
        }
        MassActionSystem system = new MassActionSystem(CrnText.parse(crn.toString(), "gate", "gate"));
        assertEquals(61, system.largestBlock());
        ShiftedJacobianSolver solver = new ShiftedJacobianSolver(system);
        Random random = new Random(5);
        for (double c : new double[]{0.01, 1, 100}) {
            double[] y = new double[system.species()];
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextDouble() * 5;
            }
            assertTrue(solver.prepare(y, c));
            assertTrue(solver.sparseBlocks() >= 1, "the gate's block is factored sparsely");
            double[] b = new double[y.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextGaussian();
            }
            double[] x = new double[y.length];
            solver.solve(b, x);
            // residual of (I - c J) x = b, J x by a directional finite difference (exact for degree 2)
            double eps = 1e-4;
            double[] plus = new double[y.length];
            double[] minus = new double[y.length];
            double[] yp = y.clone();
            double[] ym = y.clone();
            for (int i = 0; i < y.length; i++) {
                yp[i] += eps * x[i];
                ym[i] -= eps * x[i];
            }
            system.derivative(yp, plus);
            system.derivative(ym, minus);
            for (int i = 0; i < y.length; i++) {
                double jx = (plus[i] - minus[i]) / (2 * eps);
                assertEquals(b[i], x[i] - c * jx, 1e-6 * Math.max(1, c * Math.abs(jx)), "row " + i + " at c " + c);
            }
        }
    }
}
