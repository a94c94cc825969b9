package nn2crn.datasets;

/**
 * One named part of a dataset: a feature matrix (one row per example) and integer class labels.
 */
public record Split(String name, double[][] features, int[] labels) {

    public Split {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("split " + name + ": " + features.length
                    + " feature rows but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** Examples per class, indexed by class. */
    public int[] classCounts(int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The examples at the given row indices, in that order. */
    public Split select(String newName, int[] rows) {
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            x[k] = features[rows[k]];
            y[k] = labels[rows[k]];
        }
        return new Split(newName, x, y);
    }
}
