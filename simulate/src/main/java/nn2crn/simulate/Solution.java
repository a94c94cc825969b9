package nn2crn.simulate;

/**
 * The end of one integration.
 *
 * @param rejectedSteps -1 when the integrator does not report them (Commons Math's)
 */
public record Solution(double[] state, double time, SolverStatus status, int steps, int rejectedSteps,
                       long rhsEvaluations, int jacobianEvaluations) implements java.io.Serializable {
}
