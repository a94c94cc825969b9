package nn2crn.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.List;

/** Builds the DL4J network a config describes. */
final class NetworkFactory {

    private NetworkFactory() {
    }

    static MultiLayerNetwork create(TrainConfig config, int inputs, int classes) {
        TrainConfig.NetworkSection n = config.network();
        TrainConfig.TrainingSection t = config.training();
        WeightMode mode = config.weightMode();
        int epochs = t.epochs();
        // lr_start * gamma^(epochs - 1) = lr_end
        double gamma = epochs > 1 ? Math.pow(t.lrEnd() / t.lrStart(), 1.0 / (epochs - 1)) : 1.0;

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, t.lrStart(), gamma)))
                .list();
        List<Integer> hidden = n.hidden();
        int fanIn = inputs;
        for (int k = 0; k <= hidden.size(); k++) {
            boolean output = k == hidden.size();
            double drop = k == 0 ? t.inputDropout() : t.hiddenDropout();
            if (output) {
                OutputLayer.Builder b = new OutputLayer.Builder(config.crossEntropy()
                        ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.SQUARED_HINGE)
                        .nIn(fanIn).nOut(classes)
                        .activation(config.crossEntropy() ? Activation.SOFTMAX : Activation.IDENTITY);
                configure(b, config.quantizer(), weightScale(config, fanIn, classes), drop);
                list.layer(b.build());
            } else {
                DenseLayer.Builder b = new DenseLayer.Builder().nIn(fanIn).nOut(hidden.get(k))
                        .activation(hiddenActivation(config));
                configure(b, config.quantizer(), weightScale(config, fanIn, hidden.get(k)), drop);
                list.layer(b.build());
                fanIn = hidden.get(k);
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static IActivation hiddenActivation(TrainConfig config) {
        return config.smoothRelu() ? new SmoothReluActivation(config.network().eps()) : Activation.RELU.getActivationFunction();
    }

    /**
     * BinaryConnect's H: with it the pre-activations of wide layers keep the scale of a
     * Glorot-initialized network instead of growing with the fan-in, which keeps wide binary
     * networks trainable without batch normalization.
     */
    static double weightScale(TrainConfig config, int fanIn, int fanOut) {
        return config.glorotScale() ? Math.sqrt(1.5 / (fanIn + fanOut)) : 1;
    }

    private static void configure(BaseLayer.Builder<?> b, Quantizer quantizer, double scale, double dropProbability) {
        if (quantizer.mode() != WeightMode.REAL) {
            b.weightNoise(new BinarizedWeights(quantizer, scale));
            b.constrainWeights(new LatentWeightClip());
        }
        if (dropProbability > 0) {
            b.dropOut(1 - dropProbability); // DL4J takes the probability of keeping a value
        }
    }
}
