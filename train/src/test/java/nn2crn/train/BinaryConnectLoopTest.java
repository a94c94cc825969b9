package nn2crn.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written training loop is DL4J's arithmetic: the same gradient (the straight-through
 * estimator through quantized, scaled weights) and the same Adam step, schedule and clip as
 * {@code MultiLayerNetwork.fit}, for every weight rule, activation and loss the configs offer.
 */
class BinaryConnectLoopTest {

    private static TrainConfig config(String weights, String activation, String loss, String extra) {
        String yaml = """
                name: t
                seed: 5
                dataset: {name: iris, train_split: all}
                network: {hidden: [6, 5], weights: %s, activation: %s%s}
                training: {epochs: 3, lr_start: 0.05, batch_size: 8, loss: %s}
                """.formatted(weights, activation, extra, loss);
        return ConfigLoader.parse(yaml, "test.yaml");
    }

    private static DataSet batch(int n, boolean crossEntropy) {
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 4).muli(1.5);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 3;
        }
        return new DataSet(x, Trainer.targets(labels, 3, crossEntropy));
    }

    @ParameterizedTest
    @CsvSource({
            "binary, relu, squared-hinge, ''",
            "ternary, relu, squared-hinge, ''",
            "ternary, smooth-relu, squared-hinge, ''",
            "binary, relu, cross-entropy, ', weight_scale: glorot'",
            "ternary, relu, cross-entropy, ', max_fanout: 2, sparsity: 0.3'",
            "real, relu, squared-hinge, ''",
    })
    void sameGradientAndSameStepAsDl4j(String weights, String activation, String loss, String extra) {
        TrainConfig config = config(weights, activation, loss, extra);
        DataSet data = batch(12, config.crossEntropy());

        MultiLayerNetwork dl4j = NetworkFactory.create(config, 4, 3);
        dl4j.setInput(data.getFeatures());
        dl4j.setLabels(data.getLabels());
        dl4j.computeGradientAndScore();
        double[] expected = dl4j.gradient().gradient().toDoubleVector();
        double score = dl4j.score();

        MultiLayerNetwork ours = NetworkFactory.create(config, 4, 3);
        assertArrayEquals(dl4j.params().toDoubleVector(), ours.params().toDoubleVector(), 0.0, "same initial network");
        BinaryConnectLoop loop = new BinaryConnectLoop(ours, config);
        loop.gradient(data.getFeatures(), data.getLabels(), false);
        assertTrue(norm(expected) > 1e-3, "a non-trivial gradient");
        assertArrayEquals(expected, ours.getFlattenedGradients().toDoubleVector(), 1e-4 * Math.max(1, norm(expected)));
        assertEquals(score, BinaryConnectLoop.meanLoss(dl4j.output(data.getFeatures(), false), data.getLabels(),
                config.crossEntropy()), 1e-4 * Math.max(1, score), "the loss reported is DL4J's score");

        // a few steps of each, whole batch in the given order: the same parameters (clip included)
        MultiLayerNetwork fitted = NetworkFactory.create(config, 4, 3);
        MultiLayerNetwork stepped = NetworkFactory.create(config, 4, 3);
        BinaryConnectLoop steps = new BinaryConnectLoop(stepped, config);
        int[] order = new int[12];
        for (int i = 0; i < 12; i++) {
            order[i] = i;
        }
        for (int s = 0; s < 20; s++) {
            fitted.fit(data);
            steps.epoch(data.getFeatures(), data.getLabels(), order, 12);
        }
        assertEquals(fitted.getIterationCount(), stepped.getIterationCount());
        assertArrayEquals(fitted.params().toDoubleVector(), stepped.params().toDoubleVector(), 1e-4);
        if (!weights.equals("real")) {
            for (int k = 0; k < stepped.getnLayers(); k++) {
                assertTrue(stepped.getLayer(k).getParam("W").amaxNumber().doubleValue() <= 1.0, "latent weights clipped");
            }
        }
    }

    /**
     * The Java kernels and the fused Adam step only save time: over several epochs of shuffled
     * batches (a partial last one, dropout, a falling learning rate) the parameters and Adam's state
     * equal, bit for bit, those of the same loop taking every step with ND4J's ops and DL4J's
     * updater and clip.
     */
    @ParameterizedTest
    @CsvSource({
            "binary, relu, cross-entropy, '', true",
            "ternary, relu, squared-hinge, '', true",
            "ternary, relu, cross-entropy, ', ternary_threshold: 0.0', true",
            "binary, relu, cross-entropy, ', weight_scale: glorot', true",
            "ternary, relu, squared-hinge, ', ternary_threshold: 0.7, weight_scale: glorot', true",
            "ternary, smooth-relu, squared-hinge, '', true",
            "ternary, relu, cross-entropy, ', max_fanout: 2, sparsity: 0.3', false",
            "real, relu, squared-hinge, '', false",
    })
    void javaStepsGiveTheNd4jStepsBitForBit(String weights, String activation, String loss, String extra,
                                            boolean fused) {
        String yaml = """
                name: t
                seed: 5
                dataset: {name: iris, train_split: all}
                network: {hidden: [6, 5], weights: %s, activation: %s%s}
                training: {epochs: 4, lr_start: 0.05, lr_end: 0.01, batch_size: 7, loss: %s,
                           input_dropout: 0.2, hidden_dropout: 0.1}
                """.formatted(weights, activation, extra, loss);
        TrainConfig config = ConfigLoader.parse(yaml, "test.yaml");
        DataSet data = batch(45, config.crossEntropy());
        MultiLayerNetwork java = NetworkFactory.create(config, 4, 3);
        MultiLayerNetwork nd4j = NetworkFactory.create(config, 4, 3);
        BinaryConnectLoop javaLoop = new BinaryConnectLoop(java, config);
        BinaryConnectLoop nd4jLoop = new BinaryConnectLoop(nd4j, config);
        nd4jLoop.useNd4jOpsOnly();
        java.util.Random shuffle = new java.util.Random(3);
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] order = new int[45];
            for (int i = 0; i < 45; i++) {
                order[i] = i;
            }
            for (int i = 44; i > 0; i--) {
                int k = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[k];
                order[k] = t;
            }
            for (BinaryConnectLoop loop : new BinaryConnectLoop[]{javaLoop, nd4jLoop}) {
                Nd4j.getRandom().setSeed(100 + epoch); // the same dropout masks
                loop.epoch(data.getFeatures(), data.getLabels(), order, 7);
            }
            java.incrementEpochCount();
            nd4j.incrementEpochCount();
            assertEquals(fused, javaLoop.usesFusedStep(), "the fused step applies where it is DL4J's step");
            assertBitwiseEqual(nd4j.params().toFloatVector(), java.params().toFloatVector(), "parameters, epoch " + epoch);
            assertBitwiseEqual(nd4j.getUpdater().getStateViewArray().toFloatVector(),
                    java.getUpdater().getStateViewArray().toFloatVector(), "Adam's state, epoch " + epoch);
        }
    }

    /**
     * Adam's bias corrections beta^t come from ND4J's pow: Java's Math.pow rounds some of them
     * differently (beta2^3606 among the first), which a short run would not reach. Started at
     * iteration 3,604, the second step (the first the fused step makes) uses t = 3,606; the biases,
     * starting at 0, show its update without the rounding of a larger parameter absorbing it.
     */
    @org.junit.jupiter.api.Test
    void biasCorrectionsAreNd4jsAtLaterSteps() {
        TrainConfig config = config("binary", "relu", "cross-entropy", "");
        DataSet data = batch(12, true);
        MultiLayerNetwork java = NetworkFactory.create(config, 4, 3);
        MultiLayerNetwork nd4j = NetworkFactory.create(config, 4, 3);
        java.setIterationCount(3604);
        nd4j.setIterationCount(3604);
        BinaryConnectLoop javaLoop = new BinaryConnectLoop(java, config);
        BinaryConnectLoop nd4jLoop = new BinaryConnectLoop(nd4j, config);
        nd4jLoop.useNd4jOpsOnly();
        int[] order = new int[12];
        for (int i = 0; i < 12; i++) {
            order[i] = i;
        }
        for (int steps = 0; steps < 3; steps++) {
            javaLoop.epoch(data.getFeatures(), data.getLabels(), order, 12);
            nd4jLoop.epoch(data.getFeatures(), data.getLabels(), order, 12);
            assertBitwiseEqual(nd4j.params().toFloatVector(), java.params().toFloatVector(), "step " + steps);
        }
        assertTrue(javaLoop.usesFusedStep());
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @CsvSource({"binary, ''", "ternary, ''", "ternary, ', ternary_threshold: 0.7'", "binary, ', weight_scale: glorot'",
            "ternary, ', weight_scale: glorot'"})
    void quantizedWeightsFollowTheRuleAtItsEdges(String weights, String extra) {
        TrainConfig config = config(weights, "relu", "squared-hinge", extra);
        MultiLayerNetwork net = NetworkFactory.create(config, 4, 3);
        BinaryConnectLoop loop = new BinaryConnectLoop(net, config);
        double threshold = config.quantizer().threshold();
        float t = (float) threshold;
        // the threshold's float neighbours (0.7 rounds down, 0.15 up), zeros, the clip bounds
        float[] edges = {0f, -0f, t, -t, Math.nextUp(t), Math.nextDown(t), -Math.nextUp(t), -Math.nextDown(t), 1f, -1f,
                1e-30f, -1e-30f};
        for (int k = 0; k < net.getnLayers(); k++) {
            INDArray latent = net.getLayer(k).getParam("W");
            for (int e = 0; e < latent.length(); e++) {
                latent.putScalar(e, edges[(e + k) % edges.length]);
            }
            double scale = NetworkFactory.weightScale(config, (int) latent.rows(), (int) latent.columns());
            INDArray expected = BinarizedWeights.binarize(latent, config.quantizer().mode(), threshold).muli(scale);
            INDArray actual = loop.quantizedWeights(k);
            for (int i = 0; i < latent.rows(); i++) {
                for (int j = 0; j < latent.columns(); j++) {
                    assertEquals(expected.getFloat(i, j), actual.getFloat(i, j), 0,
                            weights + extra + ": layer " + k + " latent " + latent.getFloat(i, j));
                    double rule = config.quantizer().mode().apply(latent.getFloat(i, j), threshold);
                    assertEquals((float) (rule * scale), actual.getFloat(i, j), 0);
                }
            }
        }
    }
}
