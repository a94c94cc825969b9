package nn2crn.simulate;

import nn2crn.crn.Crn;
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
    private final OutputReader reader;
    private final Map<String, Integer> speciesIndex;

    public Simulator(Crn crn, MassActionSystem system, SolverSettings settings) {
        this.crn = crn;
        this.solver = settings.create(system);
        speciesIndex = crn.speciesIndex();
        reader = new OutputReader(crn);
    }

    public Crn crn() {
        return crn;
    }

    /** Output values (network units) read from a state; round-off negatives are read as 0. */
    public double[] outputs(double[] state) {
        return reader.read(state);
    }

    public ExampleResult run(int example, double[] start, double tMax, boolean keepTrajectory) {
        return run(example, start, tMax, keepTrajectory, null);
    }

    /**
     * Simulates one example to {@code tMax}; with a time course (else null), the integration
     * stops at each of its times and the result holds the values there.
     */
    public ExampleResult run(int example, double[] start, double tMax, boolean keepTrajectory, TimeCourse course) {
        List<Double> times = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        StepObserver observer = (t, state) -> {
            times.add(t);
            values.add(outputs(state));
        };
        double[][] courseValues = null;
        Solution solution;
        if (course == null) {
            solution = solver.solve(start, tMax, observer);
        } else {
            courseValues = new double[course.times().length][];
            solution = solveThrough(start, tMax, course, observer, courseValues);
        }
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
        return new ExampleResult(example, y, argmax, solution, argmaxTime, settleTime, trajectory, courseValues);
    }

    /**
     * Integrates in segments that end at the time course's times (and at tMax), reading the
     * chosen values at each; the counts of the segments are summed. After a steady state the
     * later times read that state; after a failure they read NaN.
     */
    private Solution solveThrough(double[] start, double tMax, TimeCourse course, StepObserver observer,
                                  double[][] courseValues) {
        int[] species = courseSpecies(course);
        double[] stops = course.times();
        double[] state = start.clone();
        double t0 = 0;
        SolverStatus status = SolverStatus.T_MAX;
        int steps = 0;
        int rejected = 0;
        long rhs = 0;
        int jacobians = 0;
        int next = 0;
        boolean first = true;
        while (true) {
            double end = next < stops.length ? stops[next] : tMax;
            if (end > t0 && status == SolverStatus.T_MAX) {
                double offset = t0;
                boolean firstSegment = first;
                Solution segment = solver.solve(state, end - t0, (t, s) -> {
                    // a later segment starts where the previous one's last step ended
                    if (firstSegment || t > 0) {
                        observer.accepted(offset + t, s);
                    }
                });
                first = false;
                status = segment.status();
                state = segment.state().clone();
                t0 = status == SolverStatus.T_MAX ? end : offset + segment.time();
                steps += segment.steps();
                rejected = rejected < 0 || segment.rejectedSteps() < 0 ? -1 : rejected + segment.rejectedSteps();
                rhs += segment.rhsEvaluations();
                jacobians += segment.jacobianEvaluations();
            }
            if (next == stops.length) {
                break;
            }
            courseValues[next] = status.ok() ? read(state, species) : nans(species);
            next++;
        }
        if (first) {
            // tMax == 0: nothing to integrate, but the observer still sees the start
            observer.accepted(0, state);
        }
        return new Solution(state, t0, status, steps, rejected, rhs, jacobians);
    }

    private int[] courseSpecies(TimeCourse course) {
        if (course.species().isEmpty()) {
            return null;
        }
        return course.species().stream().mapToInt(speciesIndex::get).toArray();
    }

    private double[] read(double[] state, int[] species) {
        if (species == null) {
            return outputs(state);
        }
        double[] values = new double[species.length];
        for (int k = 0; k < species.length; k++) {
            values[k] = Math.max(0, state[species[k]]);
        }
        return values;
    }

    private double[] nans(int[] species) {
        double[] values = new double[species == null ? reader.outputs() : species.length];
        Arrays.fill(values, Double.NaN);
        return values;
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
        return "Simulator[" + crn.name() + ", " + reader.outputs() + " outputs]";
    }
}
