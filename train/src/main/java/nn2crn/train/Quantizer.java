package nn2crn.train;

import java.util.Arrays;

/**
 * The rule from a layer's latent real weights to the weights it uses: binary, ternary or real
 * elementwise, then, for a wet-lab budget, a target share of zeros ({@code sparsity}: the ternary
 * threshold is raised to the share's quantile of the magnitudes) and a fan-out cap
 * ({@code maxFanOut}: each source unit keeps its K nonzero weights of largest magnitude). The
 * budget parts look at the whole layer, so the rule is per layer; DL4J's forward pass and the
 * export apply the same one, and the straight-through estimator passes the gradient unchanged.
 *
 * @param sparsity  share of weights to zero (0: none)
 * @param maxFanOut nonzero outgoing weights kept per source unit (0: no cap)
 */
public record Quantizer(WeightMode mode, double threshold, double sparsity, int maxFanOut) {

    /** Whether the rule is elementwise (no budget), so the fast array path applies. */
    public boolean elementwise() {
        return sparsity == 0 && maxFanOut == 0;
    }

    /**
     * The weights a layer uses.
     *
     * @param latent the latent weights as DL4J lays them out: [inputs][units]
     */
    public double[][] apply(double[][] latent) {
        int inputs = latent.length;
        int units = latent[0].length;
        double cut = threshold;
        WeightMode rule = mode;
        if (sparsity > 0) {
            double[] magnitudes = new double[inputs * units];
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < units; j++) {
                    magnitudes[i * units + j] = Math.abs(latent[i][j]);
                }
            }
            Arrays.sort(magnitudes);
            // the share sparsity of the smallest magnitudes goes to zero
            double quantile = magnitudes[Math.min(magnitudes.length - 1, (int) Math.floor(sparsity * magnitudes.length))];
            cut = Math.max(mode == WeightMode.TERNARY ? threshold : 0, quantile);
            rule = WeightMode.TERNARY;
        }
        double[][] w = new double[inputs][units];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < units; j++) {
                w[i][j] = rule.apply(latent[i][j], cut);
            }
        }
        if (maxFanOut > 0) {
            for (int i = 0; i < inputs; i++) {
                capRow(latent[i], w[i]);
            }
        }
        return w;
    }

    /** Keeps the maxFanOut nonzero entries of largest latent magnitude (ties: the lower index). */
    private void capRow(double[] latent, double[] weights) {
        int nonzero = 0;
        for (double v : weights) {
            nonzero += v != 0 ? 1 : 0;
        }
        if (nonzero <= maxFanOut) {
            return;
        }
        Integer[] order = new Integer[weights.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(latent[b]), Math.abs(latent[a])));
        int kept = 0;
        for (int j : order) {
            if (weights[j] != 0) {
                if (kept < maxFanOut) {
                    kept++;
                } else {
                    weights[j] = 0;
                }
            }
        }
    }
}
