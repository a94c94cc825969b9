package nn2crn.simulate;

/**
 * Linearly implicit Rosenbrock methods in the form of Hairer and Wanner's and KPP's codes: per step
 * <pre>
 *   (I - h gamma J) K_i = h gamma (f(y + sum_j a_ij K_j) + sum_j c_ij K_j / h),   i = 1..s
 *   y' = y + sum_i m_i K_i,   error estimate sum_i e_i K_i
 * </pre>
 * with one Jacobian per step and every linear solve a block forward substitution in the species'
 * strongly-connected-component order (see {@link MassActionSystem}): for the feed-forward CRNs
 * nn2crn compiles, the blocks are 1x1 or 2x2 and a solve costs about one right-hand side. Two
 * tableaus: Ros3 (Sandu et al. 1997: 3 stages, order 3(2), L-stable, 2 right-hand sides a step) and
 * Rodas4 (Hairer and Wanner: 6 stages, order 4(3), stiffly accurate, 5 right-hand sides a step),
 * which takes far fewer steps at tight tolerances.
 */
final class RosenbrockSolver implements OdeSolver {

    /**
     * A method's coefficients.
     *
     * @param newF            whether stage i evaluates f anew (else it reuses the previous stage's)
     * @param estimateOrder   the order of the error estimate plus one (the step-size exponent's inverse)
     */
    record Tableau(String name, double gamma, double[][] a, double[][] c, double[] m, double[] e, boolean[] newF,
                   double estimateOrder) {
        int stages() {
            return m.length;
        }
    }

    static final Tableau ROS3 = new Tableau("ros3", 0.43586652150845899941601945119356,
            new double[][]{{}, {1}, {1, 0}},
            new double[][]{{}, {-0.10156171083877702091975600115545e+01},
                    {0.40759956452537699824805835358067e+01, 0.92076794298330791242156818474003e+01}},
            new double[]{1, 0.61697947043828245592553615689730e+01, -0.42772256543218573326238373806514},
            new double[]{0.5, -0.29079558716805469821718236208017e+01, 0.22354069897811569627360909276199},
            new boolean[]{true, true, false}, 3);

    static final Tableau RODAS4 = new Tableau("rodas4", 0.25,
            new double[][]{{}, {1.544}, {0.9466785280815826, 0.2557011698983284},
                    {3.314825187068521, 2.896124015972201, 0.9986419139977817},
                    {1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950},
                    {1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1}},
            new double[][]{{}, {-5.6688}, {-2.430093356833875, -0.2063599157091915},
                    {-0.1073529058151375, -9.594562251023355, -20.47028614809616},
                    {7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160},
                    {8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054}},
            new double[]{1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1, 1},
            new double[]{0, 0, 0, 0, 0, 1},
            new boolean[]{true, true, true, true, true, true}, 4);

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 5;

    private final Tableau method;
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
    // Per species, the Jacobian entries of its row outside its own block (slot and column): what a
    // forward substitution reads from species already solved
    private final int[] offStart;
    private final int[] offSlot;
    private final int[] offColumn;
    /** c J at the off-block entries, in offSlot's order (one contiguous array for the solves). */
    private final double[] offValue;
    private final double[] stageC;
    /** c J, refreshed once per step (the matrix I - c J is the same for every stage). */
    private final double[] scaledJacobian;
    /** Per block of one or two species, the inverse of its diagonal block of I - c J (row major, 1 or 4 values). */
    private final double[] blockInverse;
    private final int[] blockInverseStart;

    RosenbrockSolver(MassActionSystem system, SolverSettings settings, Tableau method) {
        this.method = method;
        this.system = system;
        this.settings = settings;
        this.n = system.species;
        y = new double[n];
        f0 = new double[n];
        f1 = new double[n];
        k = new double[method.stages()][n];
        work = new double[n];
        jacobian = new double[system.column.length];
        block = new double[system.largestBlock * system.largestBlock];
        blockRhs = new double[system.largestBlock];
        offStart = new int[n + 1];
        int count = 0;
        for (int j = 0; j < n; j++) {
            for (int p = system.rowStart[j]; p < system.rowStart[j + 1]; p++) {
                count += system.blockOf[system.column[p]] == system.blockOf[j] ? 0 : 1;
            }
            offStart[j + 1] = count;
        }
        offSlot = new int[count];
        offColumn = new int[count];
        offValue = new double[count];
        stageC = new double[method.stages()];
        for (int j = 0, q = 0; j < n; j++) {
            for (int p = system.rowStart[j]; p < system.rowStart[j + 1]; p++) {
                if (system.blockOf[system.column[p]] != system.blockOf[j]) {
                    offSlot[q] = p;
                    offColumn[q++] = system.column[p];
                }
            }
        }
        scaledJacobian = new double[system.column.length];
        int blocks = system.blockStart.length - 1;
        blockInverseStart = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            int size = system.blockStart[b + 1] - system.blockStart[b];
            blockInverseStart[b + 1] = blockInverseStart[b] + (size <= 2 ? size * size : 0);
        }
        blockInverse = new double[blockInverseStart[blocks]];
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
            double hg = h * method.gamma();
            int stages = method.stages();
            prepare(hg);
            // stage i: (I - h gamma J) K_i = h gamma (f(y + sum_j a_ij K_j) + sum_j c_ij K_j / h)
            for (int stage = 0; stage < stages; stage++) {
                double[] f;
                double[] a = method.a()[stage];
                double[] c = method.c()[stage];
                if (stage == 0) {
                    f = f0;
                } else if (method.newF()[stage]) {
                    for (int i = 0; i < n; i++) {
                        double v = y[i];
                        for (int j = 0; j < stage; j++) {
                            v += a[j] * k[j][i];
                        }
                        work[i] = v;
                    }
                    system.derivative(work, f1);
                    rhs++;
                    f = f1;
                } else {
                    f = f1;
                }
                for (int j = 0; j < stage; j++) {
                    stageC[j] = c[j] / h;
                }
                for (int i = 0; i < n; i++) {
                    double v = f[i];
                    for (int j = 0; j < stage; j++) {
                        v += stageC[j] * k[j][i];
                    }
                    work[i] = hg * v;
                }
                solveShifted(work, k[stage]);
            }
            double sum = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double next = y[i];
                double error = 0;
                for (int stage = 0; stage < stages; stage++) {
                    next += method.m()[stage] * k[stage][i];
                    error += method.e()[stage] * k[stage][i];
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
                double factor = errorNorm == 0 ? MAX_FACTOR : SAFETY * Math.pow(errorNorm, -1.0 / method.estimateOrder());
                h *= Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
            } else {
                rejected++;
                h *= Math.max(MIN_FACTOR, SAFETY * Math.pow(errorNorm, -1.0 / method.estimateOrder()));
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
     * Once per step: c J, and the inverses of the 1x1 and 2x2 diagonal blocks of I - c J (the blocks
     * of a feed-forward CRN), so that each stage's solve is multiply-adds only.
     */
    private void prepare(double c) {
        for (int p = 0; p < scaledJacobian.length; p++) {
            scaledJacobian[p] = c * jacobian[p];
        }
        for (int q = 0; q < offValue.length; q++) {
            offValue[q] = scaledJacobian[offSlot[q]];
        }
        MassActionSystem s = system;
        for (int blk = 0; blk + 1 < s.blockStart.length; blk++) {
            int first = s.blockStart[blk];
            int size = s.blockStart[blk + 1] - first;
            int at = blockInverseStart[blk];
            if (size == 1) {
                int j = s.blockSpecies[first];
                blockInverse[at] = 1 / (1 - scaledJacobian[s.diagonalSlot[j]]);
            } else if (size == 2) {
                int j0 = s.blockSpecies[first];
                int j1 = s.blockSpecies[first + 1];
                double a = 1 - scaledJacobian[s.diagonalSlot[j0]];
                double d = 1 - scaledJacobian[s.diagonalSlot[j1]];
                double b = -entry(j0, j1);
                double cc = -entry(j1, j0);
                double det = a * d - b * cc;
                blockInverse[at] = d / det;
                blockInverse[at + 1] = -b / det;
                blockInverse[at + 2] = -cc / det;
                blockInverse[at + 3] = a / det;
            }
        }
    }

    /** (c J)[row][col], 0 where the pattern has no entry. */
    private double entry(int row, int col) {
        for (int p = system.rowStart[row]; p < system.rowStart[row + 1]; p++) {
            if (system.column[p] == col) {
                return scaledJacobian[p];
            }
        }
        return 0;
    }

    /** b[j] plus the row's entries of c J outside its block times the solution so far. */
    private double offBlock(int j, double[] b, double[] x) {
        double r = b[j];
        for (int q = offStart[j]; q < offStart[j + 1]; q++) {
            r += offValue[q] * x[offColumn[q]];
        }
        return r;
    }

    /**
     * Solves {@code (I - c J) x = b} block by block in topological order: off-block entries only
     * reach species of earlier blocks, whose values are known; c is the step's, set by {@link #prepare}.
     */
    private void solveShifted(double[] b, double[] x) {
        MassActionSystem s = system;
        for (int blk = 0; blk + 1 < s.blockStart.length; blk++) {
            int first = s.blockStart[blk];
            int size = s.blockStart[blk + 1] - first;
            int at = blockInverseStart[blk];
            if (size == 1) {
                int j = s.blockSpecies[first];
                x[j] = offBlock(j, b, x) * blockInverse[at];
                continue;
            }
            if (size == 2) {
                int j0 = s.blockSpecies[first];
                int j1 = s.blockSpecies[first + 1];
                double r0 = offBlock(j0, b, x);
                double r1 = offBlock(j1, b, x);
                x[j0] = blockInverse[at] * r0 + blockInverse[at + 1] * r1;
                x[j1] = blockInverse[at + 2] * r0 + blockInverse[at + 3] * r1;
                continue;
            }
            // a larger strongly connected block (a CRN with feedback): dense elimination
            java.util.Arrays.fill(block, 0, size * size, 0);
            for (int q = 0; q < size; q++) {
                int j = s.blockSpecies[first + q];
                for (int p = s.rowStart[j]; p < s.rowStart[j + 1]; p++) {
                    int col = s.column[p];
                    if (s.blockOf[col] == blk) {
                        block[q * size + s.positionInBlock[col]] -= scaledJacobian[p];
                    }
                }
                block[q * size + q] += 1;
                blockRhs[q] = offBlock(j, b, x);
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
