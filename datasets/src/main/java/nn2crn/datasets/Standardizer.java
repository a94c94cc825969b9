package nn2crn.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column standardization x' = (x - mean) / std with the population standard deviation,
 * as scikit-learn's StandardScaler does (a constant column keeps std 1 so it maps to 0).
 */
public record Standardizer(double[] mean, double[] std) {

    public static Standardizer fit(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double dev = row[j] - mean[j];
                std[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / rows.length);
            if (std[j] == 0) {
                std[j] = 1;
            }
        }
        return new Standardizer(mean, std);
    }

    /** A standardized copy of the rows. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    /** The description stored with the dataset (and in network.json). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("standardize", "x' = (x - mean) / std, population std, fitted on all examples");
        m.put("mean", toList(mean));
        m.put("std", toList(std));
        return m;
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
