package nn2crn.train;

import nn2crn.datasets.Dataset;
import nn2crn.datasets.Split;
import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a trained DL4J network into the {@code network.json} model, with the binarized weights
 * (DL4J's parameters are the latent real ones). A softmax output is exported as its logits: the
 * argmax is the same and the compiled CRN computes the linear layer. With {@code weight_scale:
 * glorot} the exported outputs are DL4J's divided by the product of the layers' scales (a positive
 * constant, so the argmax is the same).
 */
public final class NetworkExport {

    private NetworkExport() {
    }

    public static Network export(MultiLayerNetwork net, TrainConfig config, Dataset dataset) {
        Quantizer quantizer = config.quantizer();
        int layerCount = net.getnLayers();
        List<Layer> layers = new ArrayList<>();
        double cumulativeScale = 1;
        for (int l = 0; l < layerCount; l++) {
            INDArray w = net.getLayer(l).getParam(DefaultParamInitializer.WEIGHT_KEY); // [nIn, nOut]
            INDArray b = net.getLayer(l).getParam(DefaultParamInitializer.BIAS_KEY);
            double[][] latent = w.castTo(DataType.DOUBLE).toDoubleMatrix();
            int nIn = latent.length;
            int nOut = latent[0].length;
            double[][] used = quantizer.apply(latent);
            double[][] weights = new double[nOut][nIn];
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    weights[j][i] = used[i][j];
                }
            }
            double[] bias = b.castTo(DataType.DOUBLE).toDoubleVector();
            // relu(H z + b) = H relu(z + b / H): the product of the scales so far moves into the biases
            cumulativeScale *= NetworkFactory.weightScale(config, nIn, nOut);
            for (int j = 0; j < bias.length; j++) {
                bias[j] /= cumulativeScale;
            }
            boolean output = l == layerCount - 1;
            Activation activation = output ? Activation.IDENTITY
                    : config.smoothRelu() ? Activation.SMOOTH_RELU : Activation.RELU;
            layers.add(new Layer(activation, activation == Activation.SMOOTH_RELU ? config.network().eps() : 0,
                    weights, bias));
        }
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("dataset", dataset.name());
        preprocessing.put("variant", dataset.variant());
        preprocessing.putAll(dataset.preprocessing());
        InputRange range = InputRange.of(
                dataset.splits().values().stream().map(Split::features).toList(), dataset.featureCount());
        return new Network(config.name(), dataset.featureCount(), dataset.featureNames(), dataset.classNames(),
                preprocessing, range, layers);
    }

    /** Counts of each distinct weight value per layer (for binary/ternary: -1, 0, 1). */
    public static List<Map<String, Integer>> weightCounts(Network network) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (Layer layer : network.layers()) {
            Map<String, Integer> c = new TreeMap<>();
            for (double[] row : layer.weights()) {
                for (double v : row) {
                    String key = v == Math.rint(v) ? Long.toString((long) v) : "non-integer";
                    c.merge(key, 1, Integer::sum);
                }
            }
            counts.add(c);
        }
        return counts;
    }
}
