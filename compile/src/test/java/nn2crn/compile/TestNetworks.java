package nn2crn.compile;

import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small networks for compiler tests. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /** The hand-made 2-2-2 network of the golden files. */
    public static Network tiny() {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{1, -1}, {2, 0}}, new double[]{0.5, -0.25});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1, 1}, {-1, 1}}, new double[]{0, 0.125});
        return new Network("tiny", 2, List.of("a", "b"), List.of("yes", "no"), Map.of(),
                new InputRange(new double[]{-1, 0}, new double[]{1, 2}), List.of(hidden, out));
    }

    /**
     * A network with ReLU hidden layers and a linear output layer whose weights are drawn from
     * {@code values}; biases uniform in [-1, 1]; input range [-2, 2].
     */
    public static Network random(Random random, int[] sizes, double[] values) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            double[][] w = new double[sizes[l]][sizes[l - 1]];
            double[] b = new double[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                for (int i = 0; i < sizes[l - 1]; i++) {
                    w[j][i] = values[random.nextInt(values.length)];
                }
                b[j] = random.nextDouble() * 2 - 1;
            }
            layers.add(new Layer(l == sizes.length - 1 ? Activation.IDENTITY : Activation.RELU, 0, w, b));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sizes[0]; i++) {
            names.add("f" + i);
        }
        List<String> classes = new ArrayList<>();
        for (int j = 0; j < sizes[sizes.length - 1]; j++) {
            classes.add("c" + j);
        }
        double[] min = new double[sizes[0]];
        double[] max = new double[sizes[0]];
        java.util.Arrays.fill(min, -2);
        java.util.Arrays.fill(max, 2);
        return new Network("random", sizes[0], names, classes, Map.of(), new InputRange(min, max), layers);
    }

    public static double[] randomInput(Random random, int features) {
        double[] x = new double[features];
        for (int i = 0; i < features; i++) {
            x[i] = random.nextDouble() * 4 - 2;
        }
        return x;
    }
}
