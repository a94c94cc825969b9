package nn2crn.network;

import nn2crn.datasets.Split;

/** Plain-Java evaluation of a {@link Network}: what every reported accuracy is computed with. */
public final class ForwardPass {

    private ForwardPass() {
    }

    /** The network's outputs (the last layer's activations) for one input vector. */
    public static double[] outputs(Network network, double[] input) {
        double[] x = input;
        for (Layer layer : network.layers()) {
            x = layerOutputs(layer, x);
        }
        return x;
    }

    /** One layer's activations for the previous layer's values {@code x}. */
    public static double[] layerOutputs(Layer layer, double[] x) {
        double[] next = new double[layer.units()];
        for (int j = 0; j < next.length; j++) {
            double z = layer.bias()[j];
            double[] w = layer.weights()[j];
            for (int i = 0; i < w.length; i++) {
                z += w[i] * x[i];
            }
            next[j] = layer.activation().apply(z, layer.eps());
        }
        return next;
    }

    /** Index of the largest value; the first one on ties. */
    public static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    public static int predict(Network network, double[] input) {
        return argmax(outputs(network, input));
    }

    /** Share of the split's examples the network classifies correctly. */
    public static double accuracy(Network network, Split split) {
        int correct = 0;
        for (int n = 0; n < split.size(); n++) {
            if (predict(network, split.features()[n]) == split.labels()[n]) {
                correct++;
            }
        }
        return split.size() == 0 ? 0 : (double) correct / split.size();
    }
}
