package nn2crn.simulate;

import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnStructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Accuracy against the number of molecules per network unit. With N molecules per unit a
 * concentration c becomes round(N c) molecules. In a rate-independent CRN (non-competitive and
 * feed-forward) every reaction fires a fixed whole number of times whatever the order, so the
 * final counts are computed exactly ({@link Completion#stableCounts}) and a sample of examples is
 * confirmed by SSA, every trajectory of which must end in the same state. Otherwise the final
 * state is random: SSA ensembles give the answer.
 */
public final class MoleculeCounts {

    /**
     * One number of molecules per unit.
     *
     * @param method        {@code exact} or {@code ssa}
     * @param ties          examples (exact) or runs (ssa) whose largest output was shared; they
     *                      count as neither correct nor agreeing
     * @param ssaChecked    exact: SSA runs checked against the exact final state
     * @param ssaMatching   exact: of those, the runs that ended in it
     */
    public record Point(double moleculesPerUnit, String method, int examples, Double accuracy, Double agreement,
                        int ties, int ssaChecked, int ssaMatching) {
    }

    /** The default grid: 1, 2, 3, 5, 10, 20, 30, 50, ... up to 10^6. */
    public static final double[] GRID = grid();

    private static double[] grid() {
        List<Double> values = new ArrayList<>();
        for (double decade = 1; decade <= 1e6; decade *= 10) {
            for (double m : new double[]{1, 2, 3, 5}) {
                if (m * decade <= 1e6) {
                    values.add(m * decade);
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private MoleculeCounts() {
    }

    public static boolean exact(Crn crn) {
        return CrnStructure.of(crn).rateIndependent();
    }

    /**
     * Exact final states (a rate-independent CRN) for every example at each N, and an SSA check
     * of the first {@code ssaSample} examples with {@code ssaRuns} runs each.
     */
    public static List<Point> exact(Crn crn, List<Evaluation.Example> examples, double[] counts, int ssaSample,
                                    int ssaRuns, long seed) {
        OutputReader reader = new OutputReader(crn);
        Completion.Plan plan = Completion.plan(crn);
        List<Point> points = new ArrayList<>();
        for (double n : counts) {
            double perCrnUnit = n / crn.unitScale();
            StochasticSystem system = new StochasticSystem(crn, perCrnUnit);
            int[] tally = new int[5]; // labelled, correct, with network, agreeing, ties
            int checked = 0;
            int matching = 0;
            StochasticSimulator simulator = new StochasticSimulator(system);
            for (int k = 0; k < examples.size(); k++) {
                Evaluation.Example e = examples.get(k);
                long[] start = system.counts(e.start());
                long[] end = plan.counts(start);
                score(StochasticEvaluation.uniqueArgmax(reader.read(end, perCrnUnit)), e, tally);
                if (k < ssaSample) {
                    for (int run = 0; run < ssaRuns; run++) {
                        StochasticSimulator.Run r = simulator.run(start, Double.POSITIVE_INFINITY, Long.MAX_VALUE,
                                StochasticEvaluation.random(seed, e.id(), run), null, null);
                        checked++;
                        if (r.status() == StochasticSimulator.Status.FINAL && Arrays.equals(r.state(), end)) {
                            matching++;
                        }
                    }
                }
            }
            points.add(point(n, "exact", examples.size(), tally, checked, matching));
        }
        return points;
    }

    /** SSA ensembles at each N: accuracy and agreement over every completed run. */
    public static List<Point> sampled(Crn crn, List<Evaluation.Example> examples, double[] counts, int runs, double tMax,
                                      long seed, int threads, java.nio.file.Path dir, Evaluation.Progress progress) {
        List<Point> points = new ArrayList<>();
        for (double n : counts) {
            StochasticEvaluation.Settings settings = new StochasticEvaluation.Settings(n, runs, tMax, 100_000_000L, seed,
                    threads, RateSpec.UNIFORM);
            StochasticEvaluation.Outcome outcome = StochasticEvaluation.run(crn, examples, settings,
                    dir.resolve("ssa-" + nn2crn.crn.CrnText.number(n)), Evaluation.Resume.IF_SAME, progress);
            Map<String, Object> s = StochasticEvaluation.summarize(outcome, settings);
            points.add(new Point(n, "ssa", examples.size(), (Double) s.get("accuracy"), (Double) s.get("agreement"),
                    (Integer) s.get("ties"), 0, 0));
        }
        return points;
    }

    private static void score(int argmax, Evaluation.Example e, int[] tally) {
        if (e.label() >= 0) {
            tally[0]++;
            tally[1] += argmax == e.label() ? 1 : 0;
        }
        if (e.expectedArgmax() >= 0) {
            tally[2]++;
            tally[3] += argmax == e.expectedArgmax() ? 1 : 0;
        }
        tally[4] += argmax < 0 ? 1 : 0;
    }

    private static Point point(double n, String method, int examples, int[] tally, int checked, int matching) {
        return new Point(n, method, examples, tally[0] == 0 ? null : (double) tally[1] / tally[0],
                tally[2] == 0 ? null : (double) tally[3] / tally[2], tally[4], checked, matching);
    }

    /**
     * The smallest N of the points from which the agreement stays at or above {@code target} for
     * every larger N among them (null if even the largest falls short).
     */
    public static Double needed(List<Point> points, double target) {
        Double needed = null;
        for (int k = points.size() - 1; k >= 0; k--) {
            Double a = points.get(k).agreement();
            if (a == null || a < target) {
                break;
            }
            needed = points.get(k).moleculesPerUnit();
        }
        return needed;
    }
}
