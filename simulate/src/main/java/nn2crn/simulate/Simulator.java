package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;
import nn2crn.network.ForwardPass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Simulates a CRN from start states and reads its outputs over time. Holds one solver, so one
 * instance per thread; the {@link MassActionSystem} is shared.
 */
public final class Simulator {

    private final Crn crn;
    private final OdeSolver solver;
    private final int[] positive;
    private final int[] negative;

    public Simulator(Crn crn, MassActionSystem system, SolverSettings settings) {
        this.crn = crn;
        this.solver = settings.create(system);
        Map<String, Integer> index = crn.speciesIndex();
        positive = new int[crn.outputs().size()];
        negative = new int[crn.outputs().size()];
        for (int j = 0; j < positive.length; j++) {
            CrnOutput out = crn.outputs().get(j);
            positive[j] = index.get(out.positive());
            negative[j] = out.negative() == null ? -1 : index.get(out.negative());
        }
    }

    public Crn crn() {
        return crn;
    }

    /** Output values read from a state; round-off negatives are read as 0. */
    public double[] outputs(double[] state) {
        double[] y = new double[positive.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = Math.max(0, state[positive[j]]) - (negative[j] < 0 ? 0 : Math.max(0, state[negative[j]]));
        }
        return y;
    }

    public ExampleResult run(int example, double[] start, double tMax, boolean keepTrajectory) {
        List<Double> times = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Solution solution = solver.solve(start, tMax, (t, state) -> {
            times.add(t);
            values.add(outputs(state));
        });
        double[] y = outputs(solution.state());
        int argmax = ForwardPass.argmax(y);
        double argmaxTime = 0;
        int previous = -1;
        for (int k = 0; k < values.size(); k++) {
            int a = ForwardPass.argmax(values.get(k));
            if (a != previous) {
                argmaxTime = times.get(k);
                previous = a;
            }
        }
        double settleTime = 0;
        for (int k = values.size() - 1; k >= 0; k--) {
            if (!close(values.get(k), y)) {
                settleTime = k + 1 < times.size() ? times.get(k + 1) : solution.time();
                break;
            }
        }
        ExampleResult.Trajectory trajectory = null;
        if (keepTrajectory) {
            trajectory = new ExampleResult.Trajectory(times.stream().mapToDouble(Double::doubleValue).toArray(),
                    values.toArray(new double[0][]));
        }
        return new ExampleResult(example, y, argmax, solution, argmaxTime, settleTime, trajectory);
    }

    private static boolean close(double[] values, double[] last) {
        for (int j = 0; j < values.length; j++) {
            if (Math.abs(values[j] - last[j]) > Math.max(0.01 * Math.abs(last[j]), 0.01)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Simulator[" + crn.name() + ", outputs " + Arrays.toString(positive) + "]";
    }
}
