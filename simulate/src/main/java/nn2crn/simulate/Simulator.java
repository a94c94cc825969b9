package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.network.ForwardPass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulates a CRN from start states and reads its outputs over time. Holds one solver, so one
 * instance per thread; the {@link MassActionSystem} is shared.
 */
public final class Simulator {

    private final Crn crn;
    private final OdeSolver solver;
    private final OutputReader reader;
    private final Map<String, Integer> speciesIndex;
    /** For a rate-independent CRN, the outputs' remaining change from a state; else null. */
    private final RemainingChange remaining;
    private final double settleTolerance;

    /** Several examples integrated together, or null (one lane, or a solver without a batched form). */
    private final BatchedDormandPrince batch;

    public Simulator(Crn crn, MassActionSystem system, SolverSettings settings) {
        this(crn, system, settings, 1);
    }

    /**
     * @param lanes examples {@link #runAll} integrates at once (Dormand-Prince and {@code auto}; 1:
     *              one at a time)
     */
    public Simulator(Crn crn, MassActionSystem system, SolverSettings settings, int lanes) {
        this.crn = crn;
        this.solver = settings.create(system);
        speciesIndex = crn.speciesIndex();
        reader = new OutputReader(crn);
        remaining = RemainingChange.of(crn);
        settleTolerance = settings.settleTolerance();
        batch = lanes > 1 ? settings.createBatched(system, lanes) : null;
    }

    /** Whether an integration can stop as settled: a settle tolerance and a rate-independent CRN. */
    public boolean settles() {
        return remaining != null && settleTolerance > 0;
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
        // the certificate bounds the outputs only: a time course of other species integrates to t_max
        Recorder recorder = new Recorder(course == null || course.species().isEmpty());
        double[][] courseValues = null;
        Solution solution;
        if (course == null) {
            solution = solver.solve(start, tMax, recorder);
        } else {
            courseValues = new double[course.times().length][];
            solution = solveThrough(start, tMax, course, recorder, courseValues);
        }
        return recorder.result(example, solution, keepTrajectory, courseValues);
    }

    /** Whether {@link #runAll} integrates several examples at once: more than one lane and a Dormand-Prince method. */
    public boolean batches() {
        return batch != null;
    }

    /** What {@link #runAll} hands back for each example: its result and its share of the time. */
    @FunctionalInterface
    public interface Finished {
        void accept(ExampleResult result, double seconds);
    }

    /**
     * Simulates every example the queue gives to {@code tMax} (no time course), the constructor's
     * lanes at a time when {@link #batches()}, else one after the other; each result is what {@link #run} gives
     * it. The queue may be shared by several simulators (it is read under its own lock).
     */
    public void runAll(Iterator<Evaluation.Example> queue, double tMax, Set<Integer> keepTrajectories, Finished finished) {
        if (batch == null) {
            while (!Thread.currentThread().isInterrupted()) {
                Evaluation.Example example;
                synchronized (queue) {
                    if (!queue.hasNext()) {
                        return;
                    }
                    example = queue.next();
                }
                long t0 = System.nanoTime();
                ExampleResult result = run(example.id(), example.start(), tMax, keepTrajectories.contains(example.id()));
                finished.accept(result, (System.nanoTime() - t0) / 1e9);
            }
        }
        Iterator<BatchedDormandPrince.Job> jobs = new Iterator<>() {
            @Override
            public boolean hasNext() {
                // interrupted (another thread failed, or Ctrl-C): take no new example
                return !Thread.currentThread().isInterrupted() && queue.hasNext();
            }

            @Override
            public BatchedDormandPrince.Job next() {
                Evaluation.Example example = queue.next();
                Recorder recorder = new Recorder(true);
                return new BatchedDormandPrince.Job() {
                    @Override
                    public double[] start() {
                        return example.start();
                    }

                    @Override
                    public StepObserver observer() {
                        return recorder;
                    }

                    @Override
                    public void finished(Solution solution, double seconds) {
                        finished.accept(recorder.result(example.id(), solution,
                                keepTrajectories.contains(example.id()), null), seconds);
                    }
                };
            }
        };
        // the adapter reads the shared queue: under the queue's own lock
        batch.solveAll(jobs, queue, tMax);
    }

    /**
     * Watches one example's integration: the outputs at every accepted step (for the argmax and
     * settle times and the trajectory), and the settle check.
     */
    private final class Recorder implements StepObserver {
        private final List<Double> times = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private final boolean settles;

        Recorder(boolean mayStopSettled) {
            settles = mayStopSettled && settles();
        }

        @Override
        public void accepted(double t, double[] state) {
            times.add(t);
            values.add(outputs(state));
        }

        @Override
        public boolean settled(double t, double[] state) {
            return settles && remaining.at(state) < settleTolerance;
        }

        ExampleResult result(int example, Solution solution, boolean keepTrajectory, double[][] courseValues) {
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
            double remainingChange = remaining == null || !solution.status().ok() ? Double.NaN
                    : remaining.at(solution.state());
            return new ExampleResult(example, y, argmax, solution, argmaxTime, settleTime, trajectory, courseValues,
                    remainingChange);
        }
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
                // a later segment starts where the previous one's last step ended
                Solution segment = solver.solve(state, end - t0, observer.shifted(offset, first));
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
