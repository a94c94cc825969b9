package nn2crn.simulate;

/**
 * One simulated example.
 *
 * @param argmaxTime   when the argmax of the outputs last changed
 * @param settleTime   from when on every output stays within 1% (or 0.01 absolute) of its final value
 * @param trajectory   times and output values at every accepted step, or null when not kept
 * @param timeCourse   the values of a {@link TimeCourse} at its times, or null without one
 * @param remainingChange how far the outputs at the end are from the final state a rate-independent
 *                     CRN reaches from there ({@link RemainingChange}); NaN for other CRNs or a stopped integration
 */
public record ExampleResult(int example, double[] outputs, int argmax, Solution solution, double argmaxTime,
                            double settleTime, Trajectory trajectory, double[][] timeCourse, double remainingChange) implements java.io.Serializable {

    public record Trajectory(double[] times, double[][] outputs) implements java.io.Serializable {
    }
}
