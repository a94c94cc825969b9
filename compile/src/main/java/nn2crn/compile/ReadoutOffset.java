package nn2crn.compile;

import nn2crn.crn.CrnException;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The common offset c of the {@link Readout#SUBTRACT subtract} read-out, and how it was chosen.
 * Adding c to every output shifts all of them alike, so the argmax is unchanged; after the
 * annihilation {@code y<j>_pos + y<j>_neg ->} only outputs with {@code y_j + c > 0} are left, so c
 * must lift the winner above 0 for the read-out to show it.
 *
 * <p>{@link #choose} takes c from training inputs only: with t_i the network's top output on
 * example i (n examples) and k = n - ceil(coverage n) the examples allowed to stay at or below 0,
 * q is the (k+1)-th smallest t_i, and c is the smallest non-negative multiple of {@value #STEP}
 * with q + c > 0: c = 0 when q > 0, else {@value #STEP} (floor(-q / {@value #STEP}) + 1). Then the
 * top output + c > 0 on at least ceil(coverage n) of the examples, and no smaller multiple of the
 * step does that.
 *
 * @param value  c, >= 0 (network units)
 * @param chosen how: {@code rule} ({@code given} or {@code train-quantile}) and, for a chosen one,
 *               the coverage, step, examples, examples covered, q, and where the inputs came from
 */
public record ReadoutOffset(double value, Map<String, Object> chosen) {

    /** Share of the training examples whose top output + c must be positive. */
    public static final double DEFAULT_COVERAGE = 0.995;
    /** c is a multiple of this (exact in binary, and in the .crn text). */
    public static final double STEP = 0.25;

    public ReadoutOffset {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the read-out offset must be a finite number >= 0, is " + value);
        }
        chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
    }

    /** An offset given by hand ({@code --readout-offset}). */
    public static ReadoutOffset given(double value) {
        return new ReadoutOffset(value, Map.of("rule", "given"));
    }

    /** {@link #choose(Network, double[][], double, String)} without naming the inputs' source. */
    public static ReadoutOffset choose(Network network, double[][] trainInputs, double coverage) {
        return choose(network, trainInputs, coverage, null);
    }

    /**
     * The smallest multiple of {@value #STEP} that lifts the network's top output above 0 on at
     * least {@code coverage} of {@code trainInputs} (see the class comment). Give it the training
     * split, never the test split: c is part of the model.
     *
     * @param source where the inputs come from (e.g. "iris train"), recorded; may be null
     */
    public static ReadoutOffset choose(Network network, double[][] trainInputs, double coverage, String source) {
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("the read-out coverage must be in (0, 1], is " + coverage);
        }
        int n = trainInputs.length;
        if (n == 0) {
            throw new CrnException("the read-out offset needs at least one training example");
        }
        double[] top = new double[n];
        for (int e = 0; e < n; e++) {
            if (trainInputs[e].length != network.inputs()) {
                throw new CrnException("training example " + e + " has " + trainInputs[e].length + " features, network '"
                        + network.name() + "' " + network.inputs());
            }
            top[e] = Arrays.stream(ForwardPass.outputs(network, trainInputs[e])).max().orElseThrow();
        }
        Arrays.sort(top);
        // the 1e-9 keeps 0.995 * 200 = 199.00000000000003 from asking for 200
        int needed = Math.max(1, (int) Math.ceil(coverage * n - 1e-9));
        double q = top[n - needed];
        double c = q > 0 ? 0 : STEP * (Math.floor(-q / STEP) + 1);
        int covered = 0;
        for (double t : top) {
            covered += t + c > 0 ? 1 : 0;
        }
        Map<String, Object> how = new LinkedHashMap<>();
        how.put("rule", "train-quantile");
        how.put("meaning", "smallest multiple of " + STEP + " with top output + c > 0 on at least " + coverage
                + " of the training examples");
        if (source != null) {
            how.put("inputs", source);
        }
        how.put("coverage", coverage);
        how.put("step", STEP);
        how.put("examples", n);
        how.put("covered", covered);
        how.put("quantile_top_output", q);
        return new ReadoutOffset(c, how);
    }
}
