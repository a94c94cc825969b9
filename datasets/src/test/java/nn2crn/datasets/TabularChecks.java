package nn2crn.datasets;

import nn2crn.io.Sha256;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks that a dataset read through the table path equals what the loaders gave before it. */
final class TabularChecks {

    private TabularChecks() {
    }

    /** SHA-256 of every split's labels and features in order, one "label,x1,x2,..." line per example. */
    static String sha256(Dataset d) {
        StringBuilder sb = new StringBuilder();
        for (Split s : d.splits().values()) {
            sb.append("split ").append(s.name()).append('\n');
            for (int i = 0; i < s.size(); i++) {
                sb.append(s.labels()[i]);
                for (double v : s.features()[i]) {
                    sb.append(',').append(v);
                }
                sb.append('\n');
            }
        }
        return Sha256.of(sb.toString());
    }

    /** The standardized variant is (raw - mean) / population std over all examples, to 1e-12. */
    static void standardizedByHand(Dataset raw, Dataset standardized) {
        double[][] x = raw.split("all").features();
        int d = x[0].length;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(var / x.length);
            for (String split : raw.splits().keySet()) {
                double[][] r = raw.split(split).features();
                double[][] s = standardized.split(split).features();
                assertArrayEquals(raw.split(split).labels(), standardized.split(split).labels(), split);
                for (int i = 0; i < r.length; i++) {
                    assertEquals((r[i][j] - mean) / std, s[i][j], 1e-12, split + " row " + i + " column " + j);
                }
            }
        }
    }
}
