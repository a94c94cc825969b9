package nn2crn.simulate;

import nn2crn.crn.CrnException;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code results.csv}.
 *
 * @param label        -1 when unknown
 * @param nnArgmax     the network's argmax, -1 when no network is given
 * @param nnOutputs    the values the CRN's outputs should reach, or null
 * @param maxAbsError  max over outputs of |crn - nn|, NaN without nn outputs
 * @param nnMargin     the network's top output minus its second (how far an argmax read-out can
 *                     be pushed before it changes), NaN without nn outputs
 * @param remainingChange the largest change the outputs still make from the end of the integration
 *                     to the final state of a rate-independent CRN ({@link RemainingChange}), NaN where
 *                     it does not apply (other CRNs, a stopped integration, rows written before it)
 */
public record ResultRow(int example, int label, int nnArgmax, int crnArgmax, double[] nnOutputs, double[] crnOutputs,
                        double maxAbsError, double nnMargin, double argmaxTime, double settleTime, String status, double finalTime,
                        int steps, int rejectedSteps, long rhsEvaluations, int jacobianEvaluations, double seconds,
                        double remainingChange) {

    public static List<String> header(int outputs) {
        List<String> h = new ArrayList<>(List.of("example", "label", "nn_argmax", "crn_argmax"));
        for (int j = 0; j < outputs; j++) {
            h.add("nn_y" + j);
        }
        for (int j = 0; j < outputs; j++) {
            h.add("crn_y" + j);
        }
        h.addAll(List.of("max_abs_error", "nn_margin", "argmax_time", "settle_time", "status", "final_time", "steps",
                "rejected_steps", "rhs_evaluations", "jacobian_evaluations", "seconds", "remaining_change"));
        return h;
    }

    /** Whether the integration reached t_max or a steady state (else it stopped and has no final state). */
    public boolean completed() {
        return SolverStatus.T_MAX.id().equals(status) || SolverStatus.STEADY.id().equals(status)
                || SolverStatus.SETTLED.id().equals(status);
    }

    public List<String> values() {
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(example));
        v.add(label < 0 ? "" : Integer.toString(label));
        v.add(nnArgmax < 0 ? "" : Integer.toString(nnArgmax));
        v.add(Integer.toString(crnArgmax));
        for (int j = 0; j < crnOutputs.length; j++) {
            v.add(nnOutputs == null ? "" : number(nnOutputs[j]));
        }
        for (double y : crnOutputs) {
            v.add(number(y));
        }
        v.add(Double.isNaN(maxAbsError) ? "" : number(maxAbsError));
        v.add(Double.isNaN(nnMargin) ? "" : number(nnMargin));
        v.add(number(argmaxTime));
        v.add(number(settleTime));
        v.add(status);
        v.add(number(finalTime));
        v.add(Integer.toString(steps));
        v.add(Integer.toString(rejectedSteps));
        v.add(Long.toString(rhsEvaluations));
        v.add(Integer.toString(jacobianEvaluations));
        v.add(String.format(Locale.ROOT, "%.4f", seconds));
        v.add(Double.isNaN(remainingChange) ? "" : number(remainingChange));
        return v;
    }

    private static String number(double v) {
        return Double.toString(v);
    }

    public static ResultRow parse(CSVRecord r, int outputs, String source) {
        try {
            double[] nn = null;
            double[] crn = new double[outputs];
            if (!r.get("nn_y0").isEmpty()) {
                nn = new double[outputs];
                for (int j = 0; j < outputs; j++) {
                    nn[j] = Double.parseDouble(r.get("nn_y" + j));
                }
            }
            for (int j = 0; j < outputs; j++) {
                crn[j] = Double.parseDouble(r.get("crn_y" + j));
            }
            return new ResultRow(Integer.parseInt(r.get("example")), intOr(r.get("label")), intOr(r.get("nn_argmax")),
                    Integer.parseInt(r.get("crn_argmax")), nn, crn,
                    r.get("max_abs_error").isEmpty() ? Double.NaN : Double.parseDouble(r.get("max_abs_error")),
                    r.get("nn_margin").isEmpty() ? Double.NaN : Double.parseDouble(r.get("nn_margin")),
                    Double.parseDouble(r.get("argmax_time")), Double.parseDouble(r.get("settle_time")), r.get("status"),
                    Double.parseDouble(r.get("final_time")), Integer.parseInt(r.get("steps")),
                    Integer.parseInt(r.get("rejected_steps")), Long.parseLong(r.get("rhs_evaluations")),
                    Integer.parseInt(r.get("jacobian_evaluations")), Double.parseDouble(r.get("seconds")),
                    !r.isMapped("remaining_change") || r.get("remaining_change").isEmpty() ? Double.NaN
                            : Double.parseDouble(r.get("remaining_change")));
        } catch (IllegalArgumentException e) {
            throw new CrnException(source + ": line " + r.getRecordNumber() + " is not a results row ("
                    + e.getMessage() + "); remove the file or run without --resume");
        }
    }

    private static int intOr(String text) {
        return text.isEmpty() ? -1 : Integer.parseInt(text);
    }
}
