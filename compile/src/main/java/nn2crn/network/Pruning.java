package nn2crn.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes hidden units that contribute nothing, each a ReLU pair (or a smoothed-ReLU unit) fewer in
 * the CRN and its fuels fewer in a DNA design:
 * <ul>
 * <li>a unit whose outgoing weights are all 0 (exact);</li>
 * <li>a unit whose incoming weights are all 0: its output is the constant act(b), folded into the
 *     next layer's biases (exact);</li>
 * <li>optionally, a ReLU unit never active on given inputs (the training split): its output is 0
 *     there, so removing it changes nothing on those inputs, but it may elsewhere.</li>
 * </ul>
 * Repeated until nothing more goes, since a removal can leave another unit dead. The output layer
 * keeps every unit.
 *
 * @param removed hidden units removed, per hidden layer
 */
public record Pruning(Network network, int[] removed) {

    public int total() {
        return Arrays.stream(removed).sum();
    }

    /**
     * @param inputs inputs on which never-active ReLU units are removed too, or null for the exact
     *               removals only
     */
    public static Pruning prune(Network network, double[][] inputs) {
        List<Layer> layers = new ArrayList<>(network.layers());
        int[] removed = new int[layers.size() - 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int l = 0; l + 1 < layers.size(); l++) {
                boolean[] active = inputs == null ? null : activeUnits(layers, l, inputs);
                Layer layer = layers.get(l);
                Layer next = layers.get(l + 1);
                for (int j = layer.units() - 1; j >= 0; j--) {
                    boolean noOutgoing = column(next, j).allMatch(w -> w == 0);
                    boolean noIncoming = Arrays.stream(layer.weights()[j]).allMatch(w -> w == 0);
                    boolean inactive = active != null && layer.activation() == Activation.RELU && !active[j];
                    if (layer.units() == 1 || !(noOutgoing || noIncoming || inactive)) {
                        continue; // a layer keeps at least one unit
                    }
                    double constant = noIncoming ? layer.activation().apply(layer.bias()[j], layer.eps()) : 0;
                    layers.set(l, without(layer, j));
                    layers.set(l + 1, withoutInput(next, j, constant));
                    layer = layers.get(l);
                    next = layers.get(l + 1);
                    if (active != null) {
                        active = remove(active, j);
                    }
                    removed[l]++;
                    changed = true;
                }
            }
        }
        return new Pruning(new Network(network.name(), network.inputs(), network.inputNames(), network.classes(),
                network.preprocessing(), network.inputRange(), layers), removed);
    }

    private static java.util.stream.DoubleStream column(Layer layer, int i) {
        return Arrays.stream(layer.weights()).mapToDouble(row -> row[i]);
    }

    /** Which units of layer l are positive for some input. */
    private static boolean[] activeUnits(List<Layer> layers, int l, double[][] inputs) {
        boolean[] active = new boolean[layers.get(l).units()];
        for (double[] input : inputs) {
            double[] x = input;
            for (int k = 0; k <= l; k++) {
                x = ForwardPass.layerOutputs(layers.get(k), x);
            }
            for (int j = 0; j < active.length; j++) {
                active[j] |= x[j] > 0;
            }
        }
        return active;
    }

    private static Layer without(Layer layer, int j) {
        double[][] weights = new double[layer.units() - 1][];
        double[] bias = new double[layer.units() - 1];
        for (int k = 0, m = 0; k < layer.units(); k++) {
            if (k != j) {
                weights[m] = layer.weights()[k];
                bias[m++] = layer.bias()[k];
            }
        }
        return new Layer(layer.activation(), layer.eps(), weights, bias);
    }

    /** The next layer without input i, whose constant value moves into the biases. */
    private static Layer withoutInput(Layer layer, int i, double constant) {
        double[][] weights = new double[layer.units()][];
        double[] bias = layer.bias().clone();
        for (int k = 0; k < layer.units(); k++) {
            double[] row = layer.weights()[k];
            bias[k] += row[i] * constant;
            weights[k] = new double[row.length - 1];
            System.arraycopy(row, 0, weights[k], 0, i);
            System.arraycopy(row, i + 1, weights[k], i, row.length - i - 1);
        }
        return new Layer(layer.activation(), layer.eps(), weights, bias);
    }

    private static boolean[] remove(boolean[] values, int j) {
        boolean[] out = new boolean[values.length - 1];
        System.arraycopy(values, 0, out, 0, j);
        System.arraycopy(values, j + 1, out, j, values.length - j - 1);
        return out;
    }
}
