package nn2crn.simulate;

/**
 * The two-stage linearly implicit Rosenbrock method ROS2 (Verwer, Spee, Blom, Hundsdorfer 1999),
 * second order and L-stable, with gamma = 1 + 1/sqrt(2):
 * <pre>
 *   (I - gamma h J) k1 = f(y)
 *   (I - gamma h J) k2 = f(y + h k1) - 2 k1
 *   y' = y + 3/2 h k1 + 1/2 h k2
 * </pre>
 * The embedded first-order solution is {@code y + h k1}; their difference {@code h (k1 + k2) / 2}
 * is the local error estimate that controls the step. Each step costs two right-hand sides, one
 * Jacobian and two block forward substitutions (see {@link MassActionSystem}).
 */
final class RosenbrockSolver implements OdeSolver {

    private static final double GAMMA = 1 + 1 / Math.sqrt(2);
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 5;

    private final MassActionSystem system;
    private final SolverSettings settings;
    private final int n;
    private final double[] y;
    private final double[] f0;
    private final double[] f1;
    private final double[] k1;
    private final double[] k2;
    private final double[] work;
    private final double[] jacobian;
    private final double[] block;
    private final double[] blockRhs;

    RosenbrockSolver(MassActionSystem system, SolverSettings settings) {
        this.system = system;
        this.settings = settings;
        this.n = system.species;
        y = new double[n];
        f0 = new double[n];
        f1 = new double[n];
        k1 = new double[n];
        k2 = new double[n];
        work = new double[n];
        jacobian = new double[system.column.length];
        block = new double[system.largestBlock * system.largestBlock];
        blockRhs = new double[system.largestBlock];
    }

    @Override
    public Solution solve(double[] start, double tMax, StepObserver observer) {
        System.arraycopy(start, 0, y, 0, n);
        double t = 0;
        int steps = 0;
        int rejected = 0;
        long rhs = 0;
        int jacobians = 0;
        observer.accepted(t, y);
        system.derivative(y, f0);
        rhs++;
        double h = initialStep(tMax);
        boolean jacobianCurrent = false;
        SolverStatus status = SolverStatus.T_MAX;
        while (t < tMax) {
            if (settings.steadyTolerance() > 0 && maxAbs(f0) < settings.steadyTolerance()) {
                status = SolverStatus.STEADY;
                break;
            }
            if (steps + rejected >= settings.maxSteps()) {
                status = SolverStatus.STEP_BUDGET;
                break;
            }
            boolean last = h >= tMax - t;
            if (last) {
                h = tMax - t;
            }
            if (!jacobianCurrent) {
                system.jacobian(y, jacobian);
                jacobians++;
                jacobianCurrent = true;
            }
            double c = GAMMA * h;
            solveShifted(c, f0, k1);
            for (int i = 0; i < n; i++) {
                work[i] = y[i] + h * k1[i];
            }
            system.derivative(work, f1);
            rhs++;
            for (int i = 0; i < n; i++) {
                work[i] = f1[i] - 2 * k1[i];
            }
            solveShifted(c, work, k2);
            double sum = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double next = y[i] + h * (1.5 * k1[i] + 0.5 * k2[i]);
                double error = 0.5 * h * (k1[i] + k2[i]);
                double scale = settings.atol() + settings.rtol() * Math.max(Math.abs(y[i]), Math.abs(next));
                double e = error / scale;
                sum += e * e;
                work[i] = next;
                finite &= Double.isFinite(next);
            }
            if (!finite) {
                status = SolverStatus.BLOW_UP;
                break;
            }
            double errorNorm = Math.sqrt(sum / Math.max(1, n));
            if (errorNorm <= 1) {
                t = last ? tMax : t + h;
                System.arraycopy(work, 0, y, 0, n);
                system.derivative(y, f0);
                rhs++;
                steps++;
                jacobianCurrent = false;
                observer.accepted(t, y);
                double factor = errorNorm == 0 ? MAX_FACTOR : SAFETY / Math.sqrt(errorNorm);
                h *= Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
            } else {
                rejected++;
                h *= Math.max(MIN_FACTOR, SAFETY / Math.sqrt(errorNorm));
            }
            if (h <= Math.ulp(Math.max(1, t)) * 4) {
                status = SolverStatus.STEP_UNDERFLOW;
                break;
            }
        }
        return new Solution(y.clone(), t, status, steps, rejected, rhs, jacobians);
    }

    private double initialStep(double tMax) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < n; i++) {
            double scale = settings.atol() + settings.rtol() * Math.abs(y[i]);
            d0 = Math.max(d0, Math.abs(y[i]) / scale);
            d1 = Math.max(d1, Math.abs(f0[i]) / scale);
        }
        double h = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        return Math.min(Math.max(h, 1e-10), tMax);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Solves {@code (I - c J) x = b} block by block in topological order: off-block entries only
     * reach species of earlier blocks, whose values are known.
     */
    private void solveShifted(double c, double[] b, double[] x) {
        MassActionSystem s = system;
        for (int blk = 0; blk + 1 < s.blockStart.length; blk++) {
            int first = s.blockStart[blk];
            int size = s.blockStart[blk + 1] - first;
            if (size == 1) {
                int j = s.blockSpecies[first];
                double r = b[j];
                for (int p = s.rowStart[j]; p < s.rowStart[j + 1]; p++) {
                    int col = s.column[p];
                    if (col != j) {
                        r += c * jacobian[p] * x[col];
                    }
                }
                x[j] = r / (1 - c * jacobian[s.diagonalSlot[j]]);
                continue;
            }
            java.util.Arrays.fill(block, 0, size * size, 0);
            for (int q = 0; q < size; q++) {
                int j = s.blockSpecies[first + q];
                double r = b[j];
                for (int p = s.rowStart[j]; p < s.rowStart[j + 1]; p++) {
                    int col = s.column[p];
                    if (s.blockOf[col] == blk) {
                        block[q * size + s.positionInBlock[col]] -= c * jacobian[p];
                    } else {
                        r += c * jacobian[p] * x[col];
                    }
                }
                block[q * size + q] += 1;
                blockRhs[q] = r;
            }
            solveDense(size);
            for (int q = 0; q < size; q++) {
                x[s.blockSpecies[first + q]] = blockRhs[q];
            }
        }
    }

    /** Gaussian elimination with partial pivoting on {@code block} (size x size), result in {@code blockRhs}. */
    private void solveDense(int size) {
        if (size == 2) {
            double a = block[0], bb = block[1], cc = block[2], d = block[3];
            double det = a * d - bb * cc;
            double r0 = blockRhs[0], r1 = blockRhs[1];
            blockRhs[0] = (d * r0 - bb * r1) / det;
            blockRhs[1] = (a * r1 - cc * r0) / det;
            return;
        }
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int row = col + 1; row < size; row++) {
                if (Math.abs(block[row * size + col]) > Math.abs(block[pivot * size + col])) {
                    pivot = row;
                }
            }
            if (pivot != col) {
                for (int k = 0; k < size; k++) {
                    double tmp = block[col * size + k];
                    block[col * size + k] = block[pivot * size + k];
                    block[pivot * size + k] = tmp;
                }
                double tmp = blockRhs[col];
                blockRhs[col] = blockRhs[pivot];
                blockRhs[pivot] = tmp;
            }
            double diag = block[col * size + col];
            for (int row = col + 1; row < size; row++) {
                double factor = block[row * size + col] / diag;
                if (factor != 0) {
                    for (int k = col; k < size; k++) {
                        block[row * size + k] -= factor * block[col * size + k];
                    }
                    blockRhs[row] -= factor * blockRhs[col];
                }
            }
        }
        for (int row = size - 1; row >= 0; row--) {
            double sum = blockRhs[row];
            for (int k = row + 1; k < size; k++) {
                sum -= block[row * size + k] * blockRhs[k];
            }
            blockRhs[row] = sum / block[row * size + row];
        }
    }
}
