package nn2crn.cli;

import nn2crn.simulate.SolverSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Integrator and tolerances; each value is range-checked as it is parsed. */
final class SolverOptions {

    static final double DEFAULT_T_MAX = 50;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Double tMax;

    @Option(names = "--t-max", paramLabel = "T",
            description = "Integrate to this time (> 0), in the CRN's time unit: dimensionless for a compiled CRN "
                    + "(rate constants 1), seconds for a DNA design (nn2crn dna). Default: 50 (robustness: 50 / LOW, as "
                    + "slower rates take longer).")
    void setTMax(double value) {
        tMax = OptionChecks.positiveFinite(spec, "--t-max", value);
    }

    double tMax(double defaultValue) {
        return tMax != null ? tMax : defaultValue;
    }

    private SolverSettings.Method method;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (dopri5, handing over to rodas4 - rosenbrock when rtol > 1e-3 - once the CRN turns out "
                    + "stiff; summary.json names it), dopri5 (own explicit Dormand-Prince 5(4)), rodas4 (own implicit "
                    + "Rodas4, order 4), rosenbrock (own implicit Ros3, order 3), dp54 or dp853 (Commons Math's "
                    + "Dormand-Prince). Default: ${DEFAULT-VALUE}.")
    void setSolver(String value) {
        try {
            method = SolverSettings.Method.parse(value);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.error(spec, "--solver: " + e.getMessage());
        }
    }

    String solverName() {
        return method.id;
    }

    private double rtol;
    private double atol;
    private double steadyTolerance;
    private int maxSteps;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-6", description = "Relative tolerance (> 0). Default: ${DEFAULT-VALUE}.")
    void setRtol(double value) {
        rtol = OptionChecks.positiveFinite(spec, "--rtol", value);
    }

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-9", description = "Absolute tolerance (> 0). Default: ${DEFAULT-VALUE}.")
    void setAtol(double value) {
        atol = OptionChecks.positiveFinite(spec, "--atol", value);
    }

    @Option(names = "--steady-tol", paramLabel = "D", defaultValue = "0",
            description = "Stop an example early once every |dx/dt| is below D (0: integrate to --t-max). Default: ${DEFAULT-VALUE}.")
    void setSteadyTolerance(double value) {
        steadyTolerance = OptionChecks.nonNegativeFinite(spec, "--steady-tol", value);
    }

    private double settleTolerance;

    @Option(names = "--settle-tol", paramLabel = "E", defaultValue = "0",
            description = "For a rate-independent CRN: stop an example once its outputs are certified to move by less "
                    + "than E (network units) from there on, status settled (the final state any rates reach from the "
                    + "current state, by the CRN's structure); 0: integrate to --t-max. Every row records the remaining "
                    + "change at its end. Default: ${DEFAULT-VALUE}.")
    void setSettleTolerance(double value) {
        settleTolerance = OptionChecks.nonNegativeFinite(spec, "--settle-tol", value);
    }

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "200000",
            description = "Step budget per example (status step-budget when it runs out). Default: ${DEFAULT-VALUE}.")
    void setMaxSteps(int value) {
        maxSteps = OptionChecks.atLeast(spec, "--max-steps", value, 1);
    }

    private SolverSettings.ErrorScale errorScale;

    @Option(names = "--error-scale", paramLabel = "S", defaultValue = "state",
            description = "What rtol is relative to: state (max of |y| before and after each step) or peak (also the "
                    + "largest |y| each species reached so far: decayed species no longer hold the steps; nn2crn's own "
                    + "solvers only). Default: ${DEFAULT-VALUE}.")
    void setErrorScale(String value) {
        try {
            errorScale = SolverSettings.ErrorScale.parse(value);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.error(spec, "--error-scale: " + e.getMessage());
        }
    }

    @Mixin
    ThreadsOption threads;

    private int lanes;

    @Option(names = "--lanes", paramLabel = "N", defaultValue = "1",
            description = "Examples each thread integrates together (dopri5 and auto: one Dormand-Prince step over "
                    + "all of them, each with its own step size and error control; results equal to one at a time, "
                    + "bit for bit); 1: one at a time. A time course and --master run one at a time. Default: ${DEFAULT-VALUE}.")
    void setLanes(int value) {
        lanes = OptionChecks.atLeast(spec, "--lanes", value, 1);
    }

    int lanes() {
        return lanes;
    }

    SolverSettings settings() {
        try {
            return new SolverSettings(method, rtol, atol, steadyTolerance, maxSteps, errorScale, settleTolerance);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.error(spec, e.getMessage());
        }
    }

    int threads() {
        return threads.count();
    }
}
