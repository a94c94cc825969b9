package nn2crn.simulate;

/**
 * Linearly implicit Rosenbrock methods in the form of Hairer and Wanner's and KPP's codes: per step
 * <pre>
 *   (I - h gamma J) K_i = h gamma (f(y + sum_j a_ij K_j) + sum_j c_ij K_j / h),   i = 1..s
 *   y' = y + sum_i m_i K_i,   error estimate sum_i e_i K_i
 * </pre>
 * with one Jacobian per step and every linear solve a block forward substitution in the species'
 * strongly-connected-component order that never forms J (see {@link ShiftedJacobianSolver}): for
 * the feed-forward CRNs nn2crn compiles, the blocks are 1x1 or 2x2 and a solve costs about one
 * right-hand side. Two tableaus: Ros3 (Sandu et al. 1997: 3 stages, order 3(2), L-stable, 2 right-hand sides a step) and
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
    private final ShiftedJacobianSolver linear;
    private final double[] error;
    /** The floor of each species' error scale (see {@link SolverSettings.ErrorScale}). */
    private final double[] peak;

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
        error = new double[n];
        peak = new double[n];
        linear = new ShiftedJacobianSolver(system);
    }

    @Override
    public Solution solve(double[] start, double tMax, StepObserver observer) {
        StepSizes.startPeaks(peak, start, settings);
        return integrate(start, tMax, observer, settings.maxSteps());
    }

    /**
     * With a step budget of its own and the error scale's floors so far (what is left of an
     * integration begun by another solver).
     */
    Solution solve(double[] start, double tMax, StepObserver observer, int stepBudget, double[] peaksSoFar) {
        System.arraycopy(peaksSoFar, 0, peak, 0, n);
        return integrate(start, tMax, observer, stepBudget);
    }

    /** From start, with the floors already in {@link #peak}. */
    private Solution integrate(double[] start, double tMax, StepObserver observer, int stepBudget) {
        System.arraycopy(start, 0, y, 0, n);
        double t = 0;
        int steps = 0;
        int rejected = 0;
        long rhs = 0;
        int jacobians = 0;
        observer.accepted(t, y);
        system.derivative(y, f0);
        rhs++;
        double h = StepSizes.initial(y, f0, settings, tMax);
        SolverStatus status = SolverStatus.T_MAX;
        while (t < tMax) {
            if (settings.steadyTolerance() > 0 && StepSizes.maxAbs(f0) < settings.steadyTolerance()) {
                status = SolverStatus.STEADY;
                break;
            }
            if (steps + rejected >= stepBudget) {
                status = SolverStatus.STEP_BUDGET;
                break;
            }
            boolean last = h >= tMax - t;
            if (last) {
                h = tMax - t;
            }
            double hg = h * method.gamma();
            int stages = method.stages();
            // the flux derivatives are the step's Jacobian (recomputed after a rejection too: they cost one pass over the reactants)
            jacobians++;
            if (!linear.prepare(y, hg)) {
                rejected++;
                h *= MIN_FACTOR;
                if (h <= Math.ulp(Math.max(1, t)) * 4) {
                    status = SolverStatus.STEP_UNDERFLOW;
                    break;
                }
                continue;
            }
            // stage i: (I - h gamma J) K_i = h gamma (f(y + sum_j a_ij K_j) + sum_j c_ij K_j / h);
            // the sums as one sweep per term, which the JIT vectorizes
            for (int stage = 0; stage < stages; stage++) {
                double[] f;
                double[] a = method.a()[stage];
                double[] c = method.c()[stage];
                if (stage == 0) {
                    f = f0;
                } else if (method.newF()[stage]) {
                    System.arraycopy(y, 0, work, 0, n);
                    for (int j = 0; j < stage; j++) {
                        axpy(a[j], k[j], work);
                    }
                    system.derivative(work, f1);
                    rhs++;
                    f = f1;
                } else {
                    f = f1;
                }
                for (int i = 0; i < n; i++) {
                    work[i] = hg * f[i];
                }
                for (int j = 0; j < stage; j++) {
                    axpy(hg * c[j] / h, k[j], work);
                }
                linear.solve(work, k[stage]);
            }
            System.arraycopy(y, 0, work, 0, n);
            java.util.Arrays.fill(error, 0);
            for (int stage = 0; stage < stages; stage++) {
                axpy(method.m()[stage], k[stage], work);
                axpy(method.e()[stage], k[stage], error);
            }
            double sum = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double scale = settings.atol() + settings.rtol() * Math.max(peak[i], Math.max(Math.abs(y[i]), Math.abs(work[i])));
                double e = error[i] / scale;
                sum += e * e;
                finite &= Double.isFinite(work[i]);
            }
            if (!finite) {
                status = SolverStatus.BLOW_UP;
                break;
            }
            double errorNorm = Math.sqrt(sum / Math.max(1, n));
            if (errorNorm <= 1) {
                t = last ? tMax : t + h;
                System.arraycopy(work, 0, y, 0, n);
                StepSizes.raisePeaks(peak, y, settings);
                system.derivative(y, f0);
                rhs++;
                steps++;
                observer.accepted(t, y);
                if (observer.settled(t, y)) {
                    status = SolverStatus.SETTLED;
                    break;
                }
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

    /** target += factor * x (skipped for a zero factor, as most of a tableau's are). */
    private void axpy(double factor, double[] x, double[] target) {
        if (factor == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            target[i] += factor * x[i];
        }
    }
}
