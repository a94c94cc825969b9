package nn2crn.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer as a lab would read it at fixed times: for each time of a {@link TimeCourse} of the
 * outputs, the share of examples whose argmax at that time equals the label (accuracy) and the
 * network's argmax (agreement). An example whose integration stopped before a time has no value
 * there and is not counted at it. The output error says how far from the network's values the
 * outputs are at that time, which an argmax alone hides (a leak moves every output).
 *
 * @param examples examples with a value at this time
 * @param accuracy null without labels
 * @param agreement null without a network
 * @param medianError median over examples of max over outputs of |crn - nn|, in network units; null
 *                    without the network's outputs
 * @param maxError    the largest of those
 */
public record Readout(double time, int examples, Double accuracy, Double agreement, Double medianError,
                      Double maxError) {

    /**
     * @param lines the time course's records: example, time, one value per output
     */
    static List<Readout> of(List<List<String>> lines, List<ResultRow> rows, double[] times) {
        Map<Integer, ResultRow> byExample = new HashMap<>();
        rows.forEach(r -> byExample.put(r.example(), r));
        Map<Double, int[]> counts = new LinkedHashMap<>(); // examples, labelled, correct, with network, agreeing
        Map<Double, List<Double>> errors = new HashMap<>();
        for (double t : times) {
            counts.put(t, new int[5]);
            errors.put(t, new ArrayList<>());
        }
        for (List<String> line : lines) {
            ResultRow row = byExample.get(Integer.parseInt(line.get(0)));
            int[] c = counts.get(Double.parseDouble(line.get(1)));
            if (row == null || c == null) {
                continue;
            }
            double[] values = new double[line.size() - 2];
            boolean finite = true;
            for (int j = 0; j < values.length; j++) {
                values[j] = Double.parseDouble(line.get(j + 2));
                finite &= Double.isFinite(values[j]);
            }
            if (!finite) {
                continue;
            }
            int argmax = nn2crn.network.ForwardPass.argmax(values);
            if (row.nnOutputs() != null && row.nnOutputs().length == values.length) {
                double error = 0;
                for (int j = 0; j < values.length; j++) {
                    error = Math.max(error, Math.abs(values[j] - row.nnOutputs()[j]));
                }
                errors.get(Double.parseDouble(line.get(1))).add(error);
            }
            c[0]++;
            if (row.label() >= 0) {
                c[1]++;
                c[2] += argmax == row.label() ? 1 : 0;
            }
            if (row.nnArgmax() >= 0) {
                c[3]++;
                c[4] += argmax == row.nnArgmax() ? 1 : 0;
            }
        }
        List<Readout> out = new ArrayList<>();
        counts.forEach((t, c) -> {
            double[] e = errors.get(t).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.add(new Readout(t, c[0], c[1] == 0 ? null : (double) c[2] / c[1], c[3] == 0 ? null : (double) c[4] / c[3],
                    e.length == 0 ? null : Evaluation.quantile(e, 0.5), e.length == 0 ? null : e[e.length - 1]));
        });
        return out;
    }

    /**
     * When each completed example's argmax became and stayed the network's: its last change, for
     * those that end agreeing; the others never did within t_max.
     */
    public static Map<String, Object> settling(List<ResultRow> rows) {
        double[] times = rows.stream().filter(r -> r.completed() && r.nnArgmax() >= 0 && r.crnArgmax() == r.nnArgmax())
                .mapToDouble(ResultRow::argmaxTime).sorted().toArray();
        long never = rows.stream().filter(r -> r.completed() && r.nnArgmax() >= 0 && r.crnArgmax() != r.nnArgmax()).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples_agreeing_at_the_end", times.length);
        m.put("never_agreeing_within_t_max", never);
        if (times.length > 0) {
            m.put("median", Evaluation.quantile(times, 0.5));
            m.put("p90", Evaluation.quantile(times, 0.9));
            m.put("max", times[times.length - 1]);
        }
        return m;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time);
        m.put("examples", examples);
        m.put("accuracy", accuracy);
        m.put("agreement", agreement);
        m.put("median_output_error", medianError);
        m.put("max_output_error", maxError);
        return m;
    }
}
