package nn2crn.network;

/**
 * One dense layer: {@code weights[j][i]} is the weight from input i to unit j.
 *
 * @param eps the smoothing constant of a smooth-relu layer, 0 otherwise
 */
public record Layer(Activation activation, double eps, double[][] weights, double[] bias) {

    public Layer {
        if (weights.length != bias.length) {
            throw new IllegalArgumentException(weights.length + " weight rows but " + bias.length + " biases");
        }
    }

    public int units() {
        return bias.length;
    }

    public int inputs() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    /** Whether every weight is an integer (as the rate-independent compiler needs). */
    public boolean hasIntegerWeights() {
        for (double[] row : weights) {
            for (double w : row) {
                if (w != Math.rint(w)) {
                    return false;
                }
            }
        }
        return true;
    }
}
