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

    // Ros3 of Sandu et al. (1997), order 3 with an embedded order-2 solution, L-stable
    private static final int STAGES = 3;
    private static final double GAMMA = 0.43586652150845899941601945119356;
    private static final double[][] A = {{}, {1}, {1, 0}};
    private static final boolean[] NEW_F = {true, true, false};
    private static final double[][] C = {{}, {-0.10156171083877702091975600115545e+01},
            {0.40759956452537699824805835358067e+01, 0.92076794298330791242156818474003e+01}};
    private static final double[] M = {1, 0.61697947043828245592553615689730e+01, -0.42772256543218573326238373806514};
    private static final double[] E = {0.5, -0.29079558716805469821718236208017e+01, 0.22354069897811569627360909276199};
    private static final double ESTIMATE_ORDER_PLUS_ONE = 3;
    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 5;

    private final MassActionSystem system;
    private final SolverSettings settings;
    private final int n;
    private final double[] y;
    private final double[] f0;
    private final double[] f1;
    private final double[][] k;
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
        k = new double[STAGES][n];
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
            double hg = h * GAMMA;
            // stage i: (I - h gamma J) K_i = h gamma (f(y + sum_j a_ij K_j) + sum_j c_ij K_j / h)
            for (int stage = 0; stage < STAGES; stage++) {
                double[] f;
                if (stage == 0) {
                    f = f0;
                } else if (NEW_F[stage]) {
                    for (int i = 0; i < n; i++) {
                        double v = y[i];
                        for (int j = 0; j < stage; j++) {
                            v += A[stage][j] * k[j][i];
                        }
                        work[i] = v;
                    }
                    system.derivative(work, f1);
                    rhs++;
                    f = f1;
                } else {
                    f = f1;
                }
                for (int i = 0; i < n; i++) {
                    double v = f[i];
                    for (int j = 0; j < stage; j++) {
                        v += C[stage][j] * k[j][i] / h;
                    }
                    work[i] = hg * v;
                }
                solveShifted(hg, work, k[stage]);
            }
            double sum = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double next = y[i];
                double error = 0;
                for (int stage = 0; stage < STAGES; stage++) {
                    next += M[stage] * k[stage][i];
                    error += E[stage] * k[stage][i];
                }
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
                double factor = errorNorm == 0 ? MAX_FACTOR : SAFETY * Math.pow(errorNorm, -1.0 / ESTIMATE_ORDER_PLUS_ONE);
                h *= Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
            } else {
                rejected++;
                h *= Math.max(MIN_FACTOR, SAFETY * Math.pow(errorNorm, -1.0 / ESTIMATE_ORDER_PLUS_ONE));
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
