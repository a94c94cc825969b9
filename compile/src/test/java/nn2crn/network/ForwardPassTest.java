package nn2crn.network;

import nn2crn.compile.TestNetworks;
import nn2crn.datasets.Split;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grouped evaluation behind {@link ForwardPass#accuracy} gives each example's values exactly as alone. */
class ForwardPassTest {

    @Test
    void groupedLayersEqualSingleExamplesBitForBit() {
        Random random = new Random(5);
        Network network = TestNetworks.random(random, new int[]{6, 9, 7, 4}, new double[]{-1, 0, 1});
        double[][] x = new double[4][];
        for (int e = 0; e < 4; e++) {
            x[e] = TestNetworks.randomInput(random, 6);
        }
        double[][] grouped = x;
        for (Layer layer : network.layers()) {
            grouped = ForwardPass.layerOutputs(layer, grouped);
        }
        for (int e = 0; e < 4; e++) {
            assertArrayEquals(ForwardPass.outputs(network, x[e]), grouped[e]);
        }
    }

    @Test
    void accuracyCountsEveryExampleOnceWhateverTheGroups() {
        Random random = new Random(9);
        Network network = TestNetworks.random(random, new int[]{6, 9, 4}, new double[]{-1, 1});
        for (int size : new int[]{0, 1, 3, 4, 5, 11}) {
            double[][] features = new double[size][];
            int[] labels = new int[size];
            int correct = 0;
            for (int n = 0; n < size; n++) {
                features[n] = TestNetworks.randomInput(random, 6);
                labels[n] = random.nextInt(4);
                correct += ForwardPass.predict(network, features[n]) == labels[n] ? 1 : 0;
            }
            double expected = size == 0 ? 0 : (double) correct / size;
            assertEquals(expected, ForwardPass.accuracy(network, new Split("s", features, labels)), "size " + size);
        }
    }
}
