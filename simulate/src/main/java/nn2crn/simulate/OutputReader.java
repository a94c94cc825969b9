package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;

import java.util.Map;

/**
 * Reads a CRN's outputs from a state: each output is its positive rail minus its negative rail,
 * each rail the sum of the species that carry it (one in a formal CRN, a formal species' signals in
 * a DNA-level one), in network units; round-off negatives read as 0. Built once per CRN.
 */
public final class OutputReader {

    private final int[][] positive;
    private final int[][] negative;
    private final double unitScale;

    public OutputReader(Crn crn) {
        Map<String, Integer> index = crn.speciesIndex();
        unitScale = crn.unitScale();
        positive = new int[crn.outputs().size()][];
        negative = new int[crn.outputs().size()][];
        for (int j = 0; j < positive.length; j++) {
            CrnOutput out = crn.outputs().get(j);
            positive[j] = crn.carriers(out.positive()).stream().mapToInt(index::get).toArray();
            negative[j] = out.negative() == null ? new int[0]
                    : crn.carriers(out.negative()).stream().mapToInt(index::get).toArray();
        }
    }

    public int outputs() {
        return positive.length;
    }

    /** Output values from concentrations in the CRN's units. */
    public double[] read(double[] state) {
        double[] y = new double[positive.length];
        for (int j = 0; j < y.length; j++) {
            y[j] = (sum(state, positive[j]) - sum(state, negative[j])) / unitScale;
        }
        return y;
    }

    /** Output values from molecule counts, at {@code perCrnUnit} molecules per unit of the CRN's concentration. */
    public double[] read(long[] counts, double perCrnUnit) {
        return read(counts, perCrnUnit, new double[positive.length]);
    }

    /** The same into {@code y} (no allocation, for per-event use). */
    public double[] read(long[] counts, double perCrnUnit, double[] y) {
        for (int j = 0; j < y.length; j++) {
            long pos = 0;
            for (int i : positive[j]) {
                pos += counts[i];
            }
            long neg = 0;
            for (int i : negative[j]) {
                neg += counts[i];
            }
            y[j] = (pos - neg) / perCrnUnit / unitScale;
        }
        return y;
    }

    /** Which species any output reads. */
    public boolean[] watched(int species) {
        boolean[] watched = new boolean[species];
        for (int[][] rails : new int[][][]{positive, negative}) {
            for (int[] rail : rails) {
                for (int i : rail) {
                    watched[i] = true;
                }
            }
        }
        return watched;
    }

    private static double sum(double[] state, int[] species) {
        double s = 0;
        for (int i : species) {
            s += Math.max(0, state[i]);
        }
        return s;
    }
}
