package nn2crn.simulate;

import java.util.Iterator;

import static nn2crn.simulate.DormandPrinceSolver.*;

/**
 * {@link DormandPrinceSolver} over a block of examples of one CRN at once: the states of
 * {@code lanes} examples interleaved species by species (structure of arrays), so that each stage's
 * right-hand side ({@link MassActionSystem#derivative(double[], double[], int, double[], int[], double[], double[])})
 * and vector sweep is one loop over the lanes per species, which the JIT vectorizes and which reads the
 * CRN's index arrays once for all lanes. Every lane keeps its own time, step size, error control,
 * stiffness test and status, and does exactly the arithmetic the one-example solver does, so each
 * example's result is that solver's, bit for bit (tested). A lane that finishes takes the next example
 * from the queue; a lane found stiff hands its example over to the attached stiff solver (as the
 * one-example {@code auto} does), which finishes it there and then.
 *
 * <p>One instance per thread.
 */
final class BatchedDormandPrince {

    /** One example's integration: where it starts, who watches its steps, who takes its end. */
    interface Job {
        double[] start();

        StepObserver observer();

        /** @param seconds this example's share of the block's time */
        void finished(Solution solution, double seconds);
    }

    private final MassActionSystem system;
    private final SolverSettings settings;
    private final RosenbrockSolver stiff;
    private final int n;
    private final int lanes;
    private final double[] y, next, stage, stage6, k1, k2, k3, k4, k5, k6, k7, peak;
    private final double[] flux, laneX, laneDx, laneY, lanePeak, laneF;
    private final int[] liveLanes;
    // per lane
    private final Job[] job;
    private final double[] t, h, sum, distanceF, distanceY, seconds;
    private final boolean[] finite, last;
    private final int[] steps, rejected, stiffSteps, clearSteps;
    private final long[] rhs;

    BatchedDormandPrince(MassActionSystem system, SolverSettings settings, RosenbrockSolver stiff, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, is " + lanes);
        }
        this.system = system;
        this.settings = settings;
        this.stiff = stiff;
        this.n = system.species;
        this.lanes = lanes;
        int size = n * lanes;
        y = new double[size];
        next = new double[size];
        stage = new double[size];
        stage6 = new double[size];
        k1 = new double[size];
        k2 = new double[size];
        k3 = new double[size];
        k4 = new double[size];
        k5 = new double[size];
        k6 = new double[size];
        k7 = new double[size];
        peak = new double[size];
        flux = new double[lanes];
        liveLanes = new int[lanes];
        laneX = new double[n];
        laneDx = new double[n];
        laneY = new double[n];
        lanePeak = new double[n];
        laneF = new double[n];
        job = new Job[lanes];
        t = new double[lanes];
        h = new double[lanes];
        sum = new double[lanes];
        distanceF = new double[lanes];
        distanceY = new double[lanes];
        seconds = new double[lanes];
        finite = new boolean[lanes];
        last = new boolean[lanes];
        steps = new int[lanes];
        rejected = new int[lanes];
        stiffSteps = new int[lanes];
        clearSteps = new int[lanes];
        rhs = new long[lanes];
    }

    /**
     * Integrates every job of the queue to {@code tMax}, {@code lanes} at a time; the queue is read
     * under {@code lock} (other threads may share it).
     */
    void solveAll(Iterator<? extends Job> queue, Object lock, double tMax) {
        int active = 0;
        for (int l = 0; l < lanes; l++) {
            if (start(l, queue, lock, tMax)) {
                active++;
            }
        }
        while (active > 0) {
            long t0 = System.nanoTime();
            attemptSteps();
            double share = (System.nanoTime() - t0) / 1e9 / active;
            for (int l = 0; l < lanes; l++) {
                if (job[l] == null) {
                    continue;
                }
                seconds[l] += share;
                if (afterAttempt(l, tMax) && !start(l, queue, lock, tMax)) {
                    active--;
                }
            }
        }
    }

    /**
     * Puts the next job of the queue into lane l and runs the one-example solver's start (and its
     * checks before a first attempt); false when the queue is empty (the lane idles with h = 0).
     */
    private boolean start(int l, Iterator<? extends Job> queue, Object lock, double tMax) {
        while (true) {
            job[l] = null;
            h[l] = 0;
            synchronized (lock) {
                if (!queue.hasNext()) {
                    clearLane(l);
                    return false;
                }
                job[l] = queue.next();
            }
            long t0 = System.nanoTime();
            double[] start = job[l].start();
            System.arraycopy(start, 0, laneY, 0, n);
            StepSizes.startPeaks(lanePeak, start, settings);
            t[l] = 0;
            steps[l] = 0;
            rejected[l] = 0;
            rhs[l] = 0;
            stiffSteps[l] = 0;
            clearSteps[l] = 0;
            job[l].observer().accepted(0, laneY);
            system.derivative(laneY, laneF);
            rhs[l]++;
            h[l] = StepSizes.initial(laneY, laneF, settings, tMax);
            for (int i = 0; i < n; i++) {
                y[i * lanes + l] = laneY[i];
                peak[i * lanes + l] = lanePeak[i];
                k1[i * lanes + l] = laneF[i];
            }
            seconds[l] = (System.nanoTime() - t0) / 1e9;
            if (!(t[l] < tMax)) {
                finish(l, SolverStatus.T_MAX);
                continue;
            }
            if (!checksBeforeAttempt(l, tMax)) {
                continue;
            }
            return true;
        }
    }

    /** An idle lane: zeros (no NaN to slow the sweeps), step 0. */
    private void clearLane(int l) {
        for (int i = 0; i < n; i++) {
            int p = i * lanes + l;
            y[p] = 0;
            k1[p] = 0;
            peak[p] = 0;
        }
        h[l] = 0;
    }

    /**
     * The one-example loop's checks at the top of an iteration (steady state, step budget) and its
     * choice of the last step; false when the lane finished here.
     */
    private boolean checksBeforeAttempt(int l, double tMax) {
        if (settings.steadyTolerance() > 0) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m = Math.max(m, Math.abs(k1[i * lanes + l]));
            }
            if (m < settings.steadyTolerance()) {
                finish(l, SolverStatus.STEADY);
                return false;
            }
        }
        if (steps[l] + rejected[l] >= settings.maxSteps()) {
            finish(l, SolverStatus.STEP_BUDGET);
            return false;
        }
        last[l] = h[l] >= tMax - t[l];
        if (last[l]) {
            h[l] = tMax - t[l];
        }
        return true;
    }

    /** One Dormand-Prince attempt in every lane: the six stages, the error sums and the stiffness distances. */
    private void attemptSteps() {
        int size = n * lanes;
        double[] hh = h;
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                stage[i + l] = y[i + l] + hh[l] * A21 * k1[i + l];
            }
        }
        system.derivative(stage, k2, lanes, flux, liveLanes, laneX, laneDx);
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                stage[i + l] = y[i + l] + hh[l] * (A31 * k1[i + l] + A32 * k2[i + l]);
            }
        }
        system.derivative(stage, k3, lanes, flux, liveLanes, laneX, laneDx);
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                stage[i + l] = y[i + l] + hh[l] * (A41 * k1[i + l] + A42 * k2[i + l] + A43 * k3[i + l]);
            }
        }
        system.derivative(stage, k4, lanes, flux, liveLanes, laneX, laneDx);
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                stage[i + l] = y[i + l] + hh[l] * (A51 * k1[i + l] + A52 * k2[i + l] + A53 * k3[i + l] + A54 * k4[i + l]);
            }
        }
        system.derivative(stage, k5, lanes, flux, liveLanes, laneX, laneDx);
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                stage6[i + l] = y[i + l] + hh[l] * (A61 * k1[i + l] + A62 * k2[i + l] + A63 * k3[i + l] + A64 * k4[i + l]
                        + A65 * k5[i + l]);
            }
        }
        system.derivative(stage6, k6, lanes, flux, liveLanes, laneX, laneDx);
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                next[i + l] = y[i + l] + hh[l] * (A71 * k1[i + l] + A73 * k3[i + l] + A74 * k4[i + l] + A75 * k5[i + l]
                        + A76 * k6[i + l]);
            }
        }
        system.derivative(next, k7, lanes, flux, liveLanes, laneX, laneDx);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(finite, true);
        java.util.Arrays.fill(distanceF, 0);
        java.util.Arrays.fill(distanceY, 0);
        double atol = settings.atol();
        double rtol = settings.rtol();
        for (int i = 0; i < size; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                int p = i + l;
                double error = hh[l] * (E1 * k1[p] + E3 * k3[p] + E4 * k4[p] + E5 * k5[p] + E6 * k6[p] + E7 * k7[p]);
                double scale = atol + rtol * Math.max(peak[p], Math.max(Math.abs(y[p]), Math.abs(next[p])));
                double e = error / scale;
                sum[l] += e * e;
                finite[l] &= Double.isFinite(next[p]);
            }
        }
        if (stiff != null) {
            for (int i = 0; i < size; i += lanes) {
                for (int l = 0; l < lanes; l++) {
                    int p = i + l;
                    double df = k7[p] - k6[p];
                    distanceF[l] += df * df;
                    double dy = next[p] - stage6[p];
                    distanceY[l] += dy * dy;
                }
            }
        }
    }

    /**
     * The one-example loop's handling of an attempt in lane l: accept or reject, the stiffness
     * test, the new step size, and the checks before the next attempt; true when the lane finished.
     */
    private boolean afterAttempt(int l, double tMax) {
        rhs[l] += 6;
        double errorNorm = Math.sqrt(sum[l] / Math.max(1, n));
        if (!finite[l] || Double.isNaN(errorNorm)) {
            rejected[l]++;
            h[l] *= MIN_FACTOR;
            if (h[l] <= Math.ulp(Math.max(1, t[l])) * 4) {
                finish(l, SolverStatus.BLOW_UP);
                return true;
            }
            return !checksBeforeAttempt(l, tMax);
        }
        if (errorNorm <= 1) {
            if (stiff != null) {
                double hLambda = h[l] * Math.sqrt(distanceF[l] / Math.max(distanceY[l], Double.MIN_NORMAL));
                if (hLambda > STIFF_H_LAMBDA) {
                    clearSteps[l] = 0;
                    stiffSteps[l]++;
                } else if (++clearSteps[l] == CLEAR_STEPS) {
                    stiffSteps[l] = 0;
                }
            }
            t[l] = last[l] ? tMax : t[l] + h[l];
            boolean trackPeaks = settings.errorScale() == SolverSettings.ErrorScale.PEAK;
            for (int i = 0; i < n; i++) {
                int p = i * lanes + l;
                double v = next[p];
                y[p] = v;
                laneY[i] = v;
                if (trackPeaks) {
                    peak[p] = Math.max(peak[p], Math.abs(v));
                }
                k1[p] = k7[p];
            }
            steps[l]++;
            StepObserver observer = job[l].observer();
            observer.accepted(t[l], laneY);
            if (observer.settled(t[l], laneY)) {
                finish(l, SolverStatus.SETTLED);
                return true;
            }
            double factor = errorNorm == 0 ? MAX_FACTOR : SAFETY * Math.pow(errorNorm, -0.2);
            h[l] *= Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
            if (stiffSteps[l] >= STIFF_STEPS && t[l] < tMax) {
                continueStiff(l, tMax);
                return true;
            }
        } else {
            rejected[l]++;
            h[l] *= Math.max(MIN_FACTOR, SAFETY * Math.pow(errorNorm, -0.2));
        }
        if (h[l] <= Math.ulp(Math.max(1, t[l])) * 4) {
            finish(l, SolverStatus.STEP_UNDERFLOW);
            return true;
        }
        if (!(t[l] < tMax)) {
            finish(l, SolverStatus.T_MAX);
            return true;
        }
        return !checksBeforeAttempt(l, tMax);
    }

    /** As {@link DormandPrinceSolver}'s hand-over: the rest of lane l's integration by the stiff solver. */
    private void continueStiff(int l, double tMax) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            laneY[i] = y[i * lanes + l];
            lanePeak[i] = peak[i * lanes + l];
        }
        double offset = t[l];
        Solution rest = stiff.solve(laneY, tMax - offset, job[l].observer().shifted(offset, false),
                settings.maxSteps() - steps[l] - rejected[l], lanePeak);
        seconds[l] += (System.nanoTime() - t0) / 1e9;
        Job done = job[l];
        job[l] = null;
        done.finished(new Solution(rest.state(), offset + rest.time(), rest.status(), steps[l] + rest.steps(),
                rejected[l] + rest.rejectedSteps(), rhs[l] + rest.rhsEvaluations(), rest.jacobianEvaluations()), seconds[l]);
    }

    private void finish(int l, SolverStatus status) {
        double[] state = new double[n];
        for (int i = 0; i < n; i++) {
            state[i] = y[i * lanes + l];
        }
        Job done = job[l];
        job[l] = null;
        done.finished(new Solution(state, t[l], status, steps[l], rejected[l], rhs[l], 0), seconds[l]);
    }
}
