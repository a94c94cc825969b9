package nn2crn.simulate;

/**
 * What the adaptive integrators share: the first step's size, the steady-state test and the
 * peaks behind {@link SolverSettings.ErrorScale#PEAK}.
 */
final class StepSizes {

    private StepSizes() {
    }

    /**
     * Hairer and Wanner's first guess: 1% of the ratio of the state's size to its derivative's, in
     * the error norm's scale, within [1e-10, tMax] (1e-6 when either is negligible).
     */
    static double initial(double[] y, double[] f, SolverSettings settings, double tMax) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < y.length; i++) {
            double scale = settings.atol() + settings.rtol() * Math.abs(y[i]);
            d0 = Math.max(d0, Math.abs(y[i]) / scale);
            d1 = Math.max(d1, Math.abs(f[i]) / scale);
        }
        double h = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        return Math.min(Math.max(h, 1e-10), tMax);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * Starts the per-species floor of the error scale: |start| under PEAK, else 0 (so the scale is
     * max(|y|, |y'|) alone).
     */
    static void startPeaks(double[] peak, double[] start, SolverSettings settings) {
        boolean track = settings.errorScale() == SolverSettings.ErrorScale.PEAK;
        for (int i = 0; i < peak.length; i++) {
            peak[i] = track ? Math.abs(start[i]) : 0;
        }
    }

    /** After an accepted step: under PEAK, raises each floor to the new |y|. */
    static void raisePeaks(double[] peak, double[] y, SolverSettings settings) {
        if (settings.errorScale() == SolverSettings.ErrorScale.PEAK) {
            for (int i = 0; i < peak.length; i++) {
                peak[i] = Math.max(peak[i], Math.abs(y[i]));
            }
        }
    }
}
