package nn2crn.cli;

import nn2crn.simulate.SolverSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Integrator and tolerances. */
final class SolverOptions {

    static final double DEFAULT_T_MAX = 50;

    @Option(names = "--t-max", paramLabel = "T",
            description = "Integrate to this time. Default: 50 (robustness: 50 / LOW, as slower rates take longer).")
    Double tMax;

    double tMax(double defaultValue) {
        return tMax != null ? tMax : defaultValue;
    }

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = "dp54",
            description = "dp54 or dp853 (Commons Math Dormand-Prince), or rosenbrock (own implicit Ros3: fewer steps "
                    + "on stiff CRNs at loose tolerances). Default: ${DEFAULT-VALUE} (the fastest at the default tolerances "
                    + "on the MNIST CRN).")
    String solver;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-6", description = "Relative tolerance. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--atol", paramLabel = "A", defaultValue = "1e-9", description = "Absolute tolerance. Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--steady-tol", paramLabel = "D", defaultValue = "0",
            description = "Stop an example early once every |dx/dt| is below D (0: integrate to --t-max). Default: ${DEFAULT-VALUE}.")
    double steadyTolerance;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "200000",
            description = "Step budget per example (status step-budget when it runs out). Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Mixin
    ThreadsOption threads;

    SolverSettings settings() {
        try {
            return new SolverSettings(SolverSettings.Method.parse(solver), rtol, atol, steadyTolerance, maxSteps);
        } catch (IllegalArgumentException e) {
            throw new nn2crn.crn.CrnException("--solver/--rtol/--atol/--max-steps: " + e.getMessage());
        }
    }

    int threads() {
        return threads.count();
    }
}
