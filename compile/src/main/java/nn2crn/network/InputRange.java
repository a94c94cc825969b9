package nn2crn.network;

import java.util.Arrays;

/**
 * The range of each (preprocessed) feature over the data a network was trained and evaluated on.
 * The compilers use the lower bounds to shift inputs to non-negative values.
 */
public record InputRange(double[] min, double[] max) {

    public InputRange {
        if (min.length != max.length) {
            throw new IllegalArgumentException(min.length + " minima but " + max.length + " maxima");
        }
        min = min.clone();
        max = max.clone();
    }

    /** The range of the rows of {@code features} (each row one example). */
    public static InputRange of(Iterable<double[][]> featureBlocks, int featureCount) {
        double[] min = new double[featureCount];
        double[] max = new double[featureCount];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[][] block : featureBlocks) {
            for (double[] row : block) {
                for (int i = 0; i < featureCount; i++) {
                    min[i] = Math.min(min[i], row[i]);
                    max[i] = Math.max(max[i], row[i]);
                }
            }
        }
        return new InputRange(min, max);
    }

    public int features() {
        return min.length;
    }

    public boolean allNonNegative() {
        return Arrays.stream(min).allMatch(v -> v >= 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputRange r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "InputRange[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
