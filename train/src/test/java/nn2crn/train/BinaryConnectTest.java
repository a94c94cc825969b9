package nn2crn.train;

import nn2crn.network.Activation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BinaryConnectTest {

    private static TrainConfig config(String weights, String activation) {
        String yaml = """
                name: t
                seed: 5
                dataset: {name: iris, train_split: all}
                network: {hidden: [5], weights: %s, activation: %s}
                training: {epochs: 3, lr_start: 0.5, batch_size: 8}
                """.formatted(weights, activation);
        return ConfigLoader.parse(yaml, "test.yaml");
    }

    private static DataSet batch(int n, int inputs, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, inputs);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return new DataSet(x, Trainer.targets(labels, classes, false));
    }

    @Test
    void gradientOfLatentWeightsEqualsGradientOfPlainNetworkWithBinarizedWeights() {
        TrainConfig binary = config("binary", "relu");
        MultiLayerNetwork bc = NetworkFactory.create(binary, 4, 3);
        TrainConfig real = config("real", "relu");
        MultiLayerNetwork plain = NetworkFactory.create(real, 4, 3);
        for (int l = 0; l < 2; l++) {
            INDArray latent = bc.getLayer(l).getParam(DefaultParamInitializer.WEIGHT_KEY);
            plain.getLayer(l).setParam(DefaultParamInitializer.WEIGHT_KEY,
                    BinarizedWeights.binarize(latent, WeightMode.BINARY, 0));
            plain.getLayer(l).setParam(DefaultParamInitializer.BIAS_KEY,
                    bc.getLayer(l).getParam(DefaultParamInitializer.BIAS_KEY).dup());
        }
        DataSet data = batch(12, 4, 3, 11);
        bc.setInput(data.getFeatures());
        bc.setLabels(data.getLabels());
        bc.computeGradientAndScore();
        plain.setInput(data.getFeatures());
        plain.setLabels(data.getLabels());
        plain.computeGradientAndScore();
        assertEquals(plain.score(), bc.score(), 1e-5);
        INDArray gBc = bc.gradient().gradient();
        INDArray gPlain = plain.gradient().gradient();
        assertTrue(gPlain.norm2Number().doubleValue() > 1e-3, "a non-trivial gradient");
        assertArrayEquals(gPlain.toDoubleVector(), gBc.toDoubleVector(), 1e-5);
        // the latent weights themselves are not binary
        INDArray latent = bc.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY);
        assertTrue(Math.abs(latent.getDouble(0, 0)) < 1);
    }

    @Test
    void latentWeightsStayClippedToUnitInterval() {
        MultiLayerNetwork net = NetworkFactory.create(config("binary", "relu"), 4, 3);
        DataSet data = batch(32, 4, 3, 3);
        for (int i = 0; i < 50; i++) {
            net.fit(data); // lr 0.5 drives many latent weights past +-1
        }
        boolean reachedBound = false;
        for (int l = 0; l < 2; l++) {
            INDArray w = net.getLayer(l).getParam(DefaultParamInitializer.WEIGHT_KEY);
            assertTrue(w.maxNumber().doubleValue() <= 1.0 && w.minNumber().doubleValue() >= -1.0);
            reachedBound |= w.amaxNumber().doubleValue() == 1.0;
        }
        assertTrue(reachedBound, "the clip was exercised");
    }

    @Test
    void binarizationRules() {
        INDArray latent = Nd4j.createFromArray(new float[]{-0.9f, -0.15f, -0.1f, 0f, 0.05f, 0.15f, 0.7f});
        assertArrayEquals(new double[]{-1, -1, -1, 1, 1, 1, 1},
                BinarizedWeights.binarize(latent, WeightMode.BINARY, 0).toDoubleVector());
        assertArrayEquals(new double[]{-1, -1, 0, 0, 0, 1, 1},
                BinarizedWeights.binarize(latent, WeightMode.TERNARY, 0.15).toDoubleVector(), 0.0);
        assertEquals(-0.9f, latent.getFloat(0), "latent weights are untouched");
        for (double w : new double[]{-0.9, -0.15, -0.1, 0, 0.05, 0.15, 0.7}) {
            double nd = BinarizedWeights.binarize(Nd4j.scalar((float) w), WeightMode.TERNARY, 0.15).getDouble(0);
            assertEquals(nd, WeightMode.TERNARY.apply((float) w, 0.15), 0.0, "same rule in ND4J and in the export, w=" + w);
        }
    }

    @Test
    void smoothReluMatchesFormulaAndNumericalDerivative() {
        double eps = 0.05;
        SmoothReluActivation activation = new SmoothReluActivation(eps);
        double[] z = {-3, -0.4, 0, 0.3, 2.5};
        INDArray in = Nd4j.createFromArray(z).reshape(1, z.length);
        INDArray out = activation.getActivation(in.dup(), false);
        INDArray grad = activation.backprop(in.dup(), Nd4j.onesLike(in)).getFirst();
        double h = 1e-6;
        for (int k = 0; k < z.length; k++) {
            double expected = (z[k] + Math.sqrt(z[k] * z[k] + 4 * eps)) / 2;
            assertEquals(expected, out.getDouble(0, k), 1e-12);
            assertEquals(expected, Activation.smoothRelu(z[k], eps), 1e-12);
            double numeric = (Activation.smoothRelu(z[k] + h, eps)
                    - Activation.smoothRelu(z[k] - h, eps)) / (2 * h);
            assertEquals(numeric, grad.getDouble(0, k), 1e-7, "derivative at z=" + z[k]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "smooth-relu"})
    void networkGradientMatchesFiniteDifferences(String act) {
        MultiLayerNetwork net = NetworkFactory.create(config("real", act), 4, 3);
        net = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        net.getLayerWiseConfigurations().setDataType(DataType.DOUBLE);
        net.init();
        net = net.convertDataType(DataType.DOUBLE);
        DataSet data = batch(6, 4, 3, 9);
        INDArray x = data.getFeatures().castTo(DataType.DOUBLE);
        INDArray y = data.getLabels().castTo(DataType.DOUBLE);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        // DL4J leaves the division by the minibatch size to the updater; the score is the mean loss
        INDArray analytic = net.gradient().gradient().div(x.rows());
        INDArray params = net.params();
        double h = 1e-6;
        for (int p : List.of(0, 3, 7, 19, 24)) {
            double original = params.getDouble(p);
            params.putScalar(p, original + h);
            double up = net.score(new DataSet(x, y));
            params.putScalar(p, original - h);
            double down = net.score(new DataSet(x, y));
            params.putScalar(p, original);
            assertEquals((up - down) / (2 * h), analytic.getDouble(p), 1e-5, "parameter " + p);
        }
    }
}
