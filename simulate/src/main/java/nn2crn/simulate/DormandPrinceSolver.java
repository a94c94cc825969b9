package nn2crn.simulate;

/**
 * The explicit Dormand-Prince 5(4) pair with Hairer's stiffness test, written over flat arrays:
 * each step is six right-hand sides (the seventh is the next step's first) and a few vector
 * sweeps, nothing allocated. Error control as in Commons Math's {@code DormandPrince54Integrator}
 * (RMS of the error over {@code atol + rtol max(|y|, |y'|)}, step factor {@code 0.9 err^(-1/5)}
 * within [0.2, 10]), so the two take the same steps; this one skips the interpolator, the event
 * machinery and the copies that made Commons Math's overhead as large as the CRN's right-hand side
 * on MNIST-size CRNs.
 *
 * <p>With a stiff solver attached (the {@code auto} method), it watches Hairer's estimate of
 * {@code h |lambda|} (DOPRI5's test: {@code h ||f(y') - f(y6)|| / ||y' - y6||} against 3.25, the
 * edge of the method's stability region): after 15 such steps, with no run of 6 clear steps in
 * between, the step size is held by stability, not accuracy, and the rest of the integration goes
 * to the stiff solver from the current state.
 */
final class DormandPrinceSolver implements OdeSolver {

    static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
    static final double A21 = 1.0 / 5;
    static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    static final double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784,
            A76 = 11.0 / 84;
    // the 5th-order solution minus the embedded 4th-order one
    static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;
    static final double SAFETY = 0.9;
    static final double MIN_FACTOR = 0.2;
    static final double MAX_FACTOR = 10;
    static final double STIFF_H_LAMBDA = 3.25;
    static final int STIFF_STEPS = 15;
    static final int CLEAR_STEPS = 6;

    private final MassActionSystem system;
    private final SolverSettings settings;
    /** Where the integration goes once it is found stiff; null: never switch. */
    private final RosenbrockSolver stiff;
    private final int n;
    private final double[] y;
    private final double[] next;
    private final double[] stage;
    private final double[] stage6;
    private final double[] k1, k2, k3, k4, k5, k6, k7;
    /** The floor of each species' error scale (see {@link SolverSettings.ErrorScale}). */
    private final double[] peak;

    DormandPrinceSolver(MassActionSystem system, SolverSettings settings, RosenbrockSolver stiff) {
        this.system = system;
        this.settings = settings;
        this.stiff = stiff;
        this.n = system.species;
        y = new double[n];
        next = new double[n];
        stage = new double[n];
        stage6 = new double[n];
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        k7 = new double[n];
        peak = new double[n];
    }

    @Override
    public Solution solve(double[] start, double tMax, StepObserver observer) {
        System.arraycopy(start, 0, y, 0, n);
        StepSizes.startPeaks(peak, start, settings);
        double t = 0;
        int steps = 0;
        int rejected = 0;
        long rhs = 0;
        int stiffSteps = 0;
        int clearSteps = 0;
        observer.accepted(t, y);
        system.derivative(y, k1);
        rhs++;
        double h = StepSizes.initial(y, k1, settings, tMax);
        SolverStatus status = SolverStatus.T_MAX;
        double[] ka = k1;
        double[] kb = k7;
        while (t < tMax) {
            if (settings.steadyTolerance() > 0 && StepSizes.maxAbs(ka) < settings.steadyTolerance()) {
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
            for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * A21 * ka[i];
            }
            system.derivative(stage, k2);
            for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * (A31 * ka[i] + A32 * k2[i]);
            }
            system.derivative(stage, k3);
            for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * (A41 * ka[i] + A42 * k2[i] + A43 * k3[i]);
            }
            system.derivative(stage, k4);
            for (int i = 0; i < n; i++) {
                stage[i] = y[i] + h * (A51 * ka[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            }
            system.derivative(stage, k5);
            for (int i = 0; i < n; i++) {
                stage6[i] = y[i] + h * (A61 * ka[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            }
            system.derivative(stage6, k6);
            for (int i = 0; i < n; i++) {
                next[i] = y[i] + h * (A71 * ka[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
            }
            system.derivative(next, kb);
            rhs += 6;
            double sum = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double error = h * (E1 * ka[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * kb[i]);
                double scale = settings.atol() + settings.rtol() * Math.max(peak[i], Math.max(Math.abs(y[i]), Math.abs(next[i])));
                double e = error / scale;
                sum += e * e;
                finite &= Double.isFinite(next[i]);
            }
            double errorNorm = Math.sqrt(sum / Math.max(1, n));
            if (!finite || Double.isNaN(errorNorm)) {
                // an overflow shows as an infinite error first: shrink, and report a blow-up if that does not help
                rejected++;
                h *= MIN_FACTOR;
                if (h <= Math.ulp(Math.max(1, t)) * 4) {
                    status = SolverStatus.BLOW_UP;
                    break;
                }
                continue;
            }
            if (errorNorm <= 1) {
                if (stiff != null) {
                    double hLambda = h * Math.sqrt(squaredDistance(kb, k6) / Math.max(squaredDistance(next, stage6),
                            Double.MIN_NORMAL));
                    if (hLambda > STIFF_H_LAMBDA) {
                        clearSteps = 0;
                        stiffSteps++;
                    } else if (++clearSteps == CLEAR_STEPS) {
                        stiffSteps = 0;
                    }
                }
                t = last ? tMax : t + h;
                System.arraycopy(next, 0, y, 0, n);
                StepSizes.raisePeaks(peak, y, settings);
                double[] swap = ka;
                ka = kb;
                kb = swap;
                steps++;
                observer.accepted(t, y);
                if (observer.settled(t, y)) {
                    status = SolverStatus.SETTLED;
                    break;
                }
                double factor = errorNorm == 0 ? MAX_FACTOR : SAFETY * Math.pow(errorNorm, -0.2);
                h *= Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
                if (stiffSteps >= STIFF_STEPS && t < tMax) {
                    return continueStiff(t, tMax, observer, steps, rejected, rhs);
                }
            } else {
                rejected++;
                h *= Math.max(MIN_FACTOR, SAFETY * Math.pow(errorNorm, -0.2));
            }
            if (h <= Math.ulp(Math.max(1, t)) * 4) {
                status = SolverStatus.STEP_UNDERFLOW;
                break;
            }
        }
        return new Solution(y.clone(), t, status, steps, rejected, rhs, 0);
    }

    /** The rest of the integration, from (t, y), by the stiff solver; the counts of both. */
    private Solution continueStiff(double t, double tMax, StepObserver observer, int steps, int rejected, long rhs) {
        double offset = t;
        Solution rest = stiff.solve(y, tMax - t, observer.shifted(offset, false), settings.maxSteps() - steps - rejected,
                peak);
        return new Solution(rest.state(), offset + rest.time(), rest.status(), steps + rest.steps(),
                rejected + rest.rejectedSteps(), rhs + rest.rhsEvaluations(), rest.jacobianEvaluations());
    }

    private double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
