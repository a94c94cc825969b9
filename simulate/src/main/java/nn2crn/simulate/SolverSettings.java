package nn2crn.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which integrator, with which tolerances.
 *
 * @param steadyTolerance stop before t_max once every |dx/dt| is below it (0: never)
 * @param maxSteps        step budget per integration
 * @param errorScale      what rtol is relative to
 * @param settleTolerance for a rate-independent CRN, stop before t_max once the outputs are certified to
 *                        move by less than this from there on (network units; 0: never; see {@link RemainingChange})
 */
public record SolverSettings(Method method, double rtol, double atol, double steadyTolerance, int maxSteps,
                             ErrorScale errorScale, double settleTolerance) implements java.io.Serializable {

    public static final SolverSettings DEFAULT = new SolverSettings(Method.AUTO, 1e-6, 1e-9, 0, 200_000);

    /**
     * Above this many species in one strongly connected block, {@link Method#AUTO} stays explicit:
     * an implicit step would factor the block densely (cubic in its size).
     */
    static final int AUTO_LARGEST_IMPLICIT_BLOCK = 64;

    /** Above this rtol, {@link Method#AUTO}'s stiff solver is Ros3 (3 stages) rather than Rodas4 (6). */
    static final double AUTO_LOOSE_RTOL = 1e-3;

    public enum Method {
        /** dopri5, handing over to rodas4 (ros3 at loose tolerances) where the CRN turns out stiff: see {@link #stiffMethodFor} */
        AUTO("auto"),
        /** own explicit Dormand-Prince 5(4) on flat arrays: Commons Math's dp54 without its overhead */
        DOPRI5("dopri5"),
        /** own linearly implicit Rosenbrock method Ros3 (order 3, L-stable), for stiff systems */
        ROSENBROCK("rosenbrock"),
        /** own Rosenbrock method Rodas4 (order 4, stiffly accurate): fewer steps at tight tolerances */
        RODAS4("rodas4"),
        /** Commons Math adaptive Dormand-Prince 5(4) */
        DP54("dp54"),
        /** Commons Math adaptive Dormand-Prince 8(5,3) */
        DP853("dp853");

        public final String id;

        Method(String id) {
            this.id = id;
        }

        public static Method parse(String text) {
            return Arrays.stream(values()).filter(m -> m.id.equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown solver '" + text
                            + "' (known: " + String.join(", ", Arrays.stream(values()).map(m -> m.id).toList()) + ")"));
        }
    }

    /**
     * The scale of a species' allowed local error, {@code atol + rtol * scale}: for
     * {@link #STATE} the larger of |y| before and after the step (the classic choice), for
     * {@link #PEAK} also the largest |y| the species reached so far in this integration. In a
     * feed-forward CRN most species rise and then decay to 0 once their value has passed on; under
     * STATE the integrator follows each of them down to atol, long after the outputs stopped
     * moving; under PEAK a species is resolved to rtol of its own largest value.
     */
    public enum ErrorScale {
        STATE("state"),
        PEAK("peak");

        public final String id;

        ErrorScale(String id) {
            this.id = id;
        }

        public static ErrorScale parse(String text) {
            return Arrays.stream(values()).filter(s -> s.id.equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown error scale '" + text + "' (known: state, peak)"));
        }
    }

    public SolverSettings(Method method, double rtol, double atol, double steadyTolerance, int maxSteps) {
        this(method, rtol, atol, steadyTolerance, maxSteps, ErrorScale.STATE);
    }

    public SolverSettings(Method method, double rtol, double atol, double steadyTolerance, int maxSteps,
                          ErrorScale errorScale) {
        this(method, rtol, atol, steadyTolerance, maxSteps, errorScale, 0);
    }

    public SolverSettings withSettleTolerance(double tolerance) {
        return new SolverSettings(method, rtol, atol, steadyTolerance, maxSteps, errorScale, tolerance);
    }

    public SolverSettings {
        if (errorScale == null) {
            throw new IllegalArgumentException("no error scale");
        }
        if (errorScale == ErrorScale.PEAK && (method == Method.DP54 || method == Method.DP853)) {
            throw new IllegalArgumentException("error scale 'peak' needs one of nn2crn's own solvers (auto, dopri5, "
                    + "rosenbrock, rodas4), not Commons Math's " + method.id);
        }
        if (!(rtol > 0) || !(atol > 0)) {
            throw new IllegalArgumentException("tolerances must be positive (rtol " + rtol + ", atol " + atol + ")");
        }
        if (!(settleTolerance >= 0) || Double.isInfinite(settleTolerance)) {
            throw new IllegalArgumentException("the settle tolerance must be 0 or positive and finite, is " + settleTolerance);
        }
        if (settleTolerance > 0 && (method == Method.DP54 || method == Method.DP853)) {
            throw new IllegalArgumentException("a settle tolerance needs one of nn2crn's own solvers (auto, dopri5, "
                    + "rosenbrock, rodas4), not Commons Math's " + method.id);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be positive");
        }
    }

    /**
     * For {@code auto}, the implicit method the integration hands over to once its explicit steps
     * are held by stability (Hairer's test, see {@link DormandPrinceSolver}): Rodas4, or Ros3 at
     * loose tolerances; none (stay explicit) for a CRN whose Jacobian has a strongly connected
     * block larger than {@value #AUTO_LARGEST_IMPLICIT_BLOCK} species. For feed-forward CRNs the
     * blocks have 1 or 2 species and each implicit stage is a pass over the reactions.
     */
    public Method stiffMethodFor(MassActionSystem system) {
        if (system.largestBlock() > AUTO_LARGEST_IMPLICIT_BLOCK) {
            return null;
        }
        return rtol > AUTO_LOOSE_RTOL ? Method.ROSENBROCK : Method.RODAS4;
    }

    public OdeSolver create(MassActionSystem system) {
        return switch (method) {
            case AUTO -> {
                Method stiff = stiffMethodFor(system);
                yield new DormandPrinceSolver(system, this, stiff == null ? null : new RosenbrockSolver(system, this,
                        stiff == Method.RODAS4 ? RosenbrockSolver.RODAS4 : RosenbrockSolver.ROS3));
            }
            case DOPRI5 -> new DormandPrinceSolver(system, this, null);
            case ROSENBROCK -> new RosenbrockSolver(system, this, RosenbrockSolver.ROS3);
            case RODAS4 -> new RosenbrockSolver(system, this, RosenbrockSolver.RODAS4);
            case DP54, DP853 -> new CommonsMathSolver(system, this);
        };
    }

    /**
     * The batched form of {@link #create}'s solver over {@code lanes} examples at once, or null where
     * the method has none (the Rosenbrock methods and Commons Math's run one example at a time).
     */
    BatchedDormandPrince createBatched(MassActionSystem system, int lanes) {
        return switch (method) {
            case AUTO -> {
                Method stiff = stiffMethodFor(system);
                yield new BatchedDormandPrince(system, this, stiff == null ? null : new RosenbrockSolver(system, this,
                        stiff == Method.RODAS4 ? RosenbrockSolver.RODAS4 : RosenbrockSolver.ROS3), lanes);
            }
            case DOPRI5 -> new BatchedDormandPrince(system, this, null, lanes);
            default -> null;
        };
    }

    public Map<String, Object> describe() {
        return describe(null);
    }

    /** With a system: also the method {@code auto} chose for it. */
    public Map<String, Object> describe(MassActionSystem system) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.id);
        if (system != null && method == Method.AUTO) {
            Method stiff = stiffMethodFor(system);
            m.put("chosen", stiff == null ? "dopri5 (the CRN has a feedback block of " + system.largestBlock()
                    + " species: stays explicit)" : "dopri5, handing over to " + stiff.id + " where stiff");
        }
        if (system != null) {
            // layers whose fan-out reactions are evaluated as dense products (DualRailFanOut)
            m.put("dense_fan_outs", system.denseFanOuts());
        }
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("error_scale", errorScale.id);
        m.put("steady_tolerance", steadyTolerance);
        if (settleTolerance > 0) {
            // only when set: results made before the settle check keep matching their settings
            m.put("settle_tolerance", settleTolerance);
        }
        m.put("max_steps", maxSteps);
        return m;
    }
}
