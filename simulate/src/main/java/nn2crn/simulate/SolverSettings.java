package nn2crn.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which integrator, with which tolerances.
 *
 * @param steadyTolerance stop before t_max once every |dx/dt| is below it (0: never)
 * @param maxSteps        step budget per integration
 */
public record SolverSettings(Method method, double rtol, double atol, double steadyTolerance, int maxSteps) {

    /** Dormand-Prince 5(4): on the MNIST CRN at rtol 1e-6, atol 1e-9 it needs 349 steps (Ros3: 691). */
    public static final SolverSettings DEFAULT = new SolverSettings(Method.DP54, 1e-6, 1e-9, 0, 200_000);

    public enum Method {
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

    public SolverSettings {
        if (!(rtol > 0) || !(atol > 0)) {
            throw new IllegalArgumentException("tolerances must be positive (rtol " + rtol + ", atol " + atol + ")");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be positive");
        }
    }

    public OdeSolver create(MassActionSystem system) {
        return switch (method) {
            case ROSENBROCK -> new RosenbrockSolver(system, this, RosenbrockSolver.ROS3);
            case RODAS4 -> new RosenbrockSolver(system, this, RosenbrockSolver.RODAS4);
            default -> new CommonsMathSolver(system, this);
        };
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.id);
        m.put("rtol", rtol);
        m.put("atol", atol);
        m.put("steady_tolerance", steadyTolerance);
        m.put("max_steps", maxSteps);
        return m;
    }
}
