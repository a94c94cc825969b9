package nn2crn.compile;

import nn2crn.crn.CrnException;
import nn2crn.network.Layer;
import nn2crn.network.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How features enter a CRN: dual-rail as they are, or single-rail after subtracting a shift
 * (the features' lower bounds) that the first layer's biases absorb.
 *
 * @param shift per feature, or null for dual-rail inputs
 */
record InputShift(double[] shift) {

    boolean singleRail() {
        return shift != null;
    }

    double of(int feature) {
        return shift == null ? 0 : shift[feature];
    }

    /**
     * Rate-independent: single-rail when asked to shift or when every feature is known to be
     * non-negative (then without a shift), dual-rail otherwise.
     */
    static InputShift forRateIndependent(Network network, CompileOptions options) {
        double[] lower = lowerBounds(network, options);
        if (options.shiftInputs()) {
            if (lower == null) {
                throw missingBounds(network, "--shift-inputs");
            }
            return new InputShift(lower);
        }
        if (lower != null && Arrays.stream(lower).allMatch(v -> v >= 0)) {
            return new InputShift(new double[lower.length]);
        }
        return new InputShift(null);
    }

    /** Smoothed ReLU: inputs are single species, so they must be non-negative: shift if needed. */
    static InputShift forSmoothRelu(Network network, CompileOptions options) {
        double[] lower = lowerBounds(network, options);
        if (lower == null) {
            throw missingBounds(network, "the smooth-relu scheme (inputs are single species, so non-negative)");
        }
        boolean needed = options.shiftInputs() || Arrays.stream(lower).anyMatch(v -> v < 0);
        return new InputShift(needed ? lower : new double[lower.length]);
    }

    private static CrnException missingBounds(Network network, String what) {
        return new CrnException("network '" + network.name() + "' has no input_range, and " + what
                + " needs the features' lower bounds: give them with --input-min");
    }

    private static double[] lowerBounds(Network network, CompileOptions options) {
        double[] given = options.inputMin();
        if (given != null) {
            for (double v : given) {
                if (!Double.isFinite(v)) {
                    throw new CrnException("--input-min: " + v + " is not a finite number");
                }
            }
            if (given.length == 1) {
                double[] all = new double[network.inputs()];
                Arrays.fill(all, given[0]);
                return all;
            }
            if (given.length != network.inputs()) {
                throw new CrnException("--input-min has " + given.length + " values; network '" + network.name()
                        + "' has " + network.inputs() + " features (give one value, or one per feature)");
            }
            return given.clone();
        }
        return network.inputRange() == null ? null : network.inputRange().min();
    }

    /** The network's layers with the shift folded into the first layer's biases. */
    List<Layer> foldInto(List<Layer> layers) {
        if (shift == null) {
            return layers;
        }
        Layer first = layers.get(0);
        double[] bias = first.bias().clone();
        for (int j = 0; j < bias.length; j++) {
            for (int i = 0; i < shift.length; i++) {
                bias[j] += first.weights()[j][i] * shift[i];
            }
        }
        List<Layer> folded = new ArrayList<>(layers);
        folded.set(0, new Layer(first.activation(), first.eps(), first.weights(), bias));
        return folded;
    }
}
