package nn2crn.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each Java kernel gives the ND4J op it replaces bit for bit, on edge values too. */
class FloatKernelsTest {

    /** Random values of both signs and many magnitudes, with zeros of both signs and tiny values among them. */
    private static float[] values(int n, long seed) {
        Random random = new Random(seed);
        float[] edges = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, -1e-30f, 1f, -1f, 3e5f, -3e5f};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < edges.length ? edges[i] : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return v;
    }

    private static void assertBitwiseEqual(INDArray expected, float[] actual, String what) {
        float[] e = expected.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(actual[i]),
                    what + " at " + i + ": " + e[i] + " vs " + actual[i]);
        }
    }

    @Test
    void reluIsNd4jsRelu() {
        float[] pre = values(300, 1);
        INDArray z = Nd4j.createFromArray(pre).reshape(30, 10);
        INDArray expected = Nd4j.create(DataType.FLOAT, 30, 10);
        Nd4j.exec(new RectifiedLinear(z, expected, 0.0));
        assertBitwiseEqual(expected, FloatKernels.relu(pre, new float[300], 300), "relu");
    }

    @Test
    void reluBackpropWithDropoutIsNd4jsMaskThenReluBp() {
        int rows = 12;
        int columns = 25;
        float[] zValues = values(rows * columns, 2);
        float[] upstreamValues = values(rows * columns, 3);
        INDArray z = Nd4j.createFromArray(zValues).reshape(rows, columns);
        // the backward product writes the upstream gradient column-major
        INDArray upstream = Nd4j.create(DataType.FLOAT, new long[]{rows, columns}, 'f');
        upstream.assign(Nd4j.createFromArray(upstreamValues).reshape(rows, columns));
        float[] maskValues = new float[rows * columns];
        for (int i = 0; i < maskValues.length; i++) {
            maskValues[i] = i % 3 == 0 ? 0f : 1f / 0.9f;
        }
        INDArray mask = Nd4j.createFromArray(maskValues).reshape(rows, columns);
        float[] columnMajor = FloatKernels.read(upstream, new float[rows * columns]);

        INDArray expected = Nd4j.create(DataType.FLOAT, rows, columns);
        Nd4j.exec(new RectifiedLinearDerivative(z, upstream, expected));
        float[] actual = new float[rows * columns];
        FloatKernels.reluBackprop(zValues, columnMajor, null, actual, rows, columns);
        assertBitwiseEqual(expected, actual, "relu_bp");

        INDArray masked = upstream.mul(mask);
        Nd4j.exec(new RectifiedLinearDerivative(z, masked, expected));
        FloatKernels.reluBackprop(zValues, columnMajor, maskValues, actual, rows, columns);
        assertBitwiseEqual(expected, actual, "relu_bp after dropout");
    }

    @Test
    void dropoutIsNd4jsScaledMaskTimesInput() {
        int rows = 20;
        int columns = 16;
        Nd4j.getRandom().setSeed(4);
        INDArray bernoulli = Nd4j.create(DataType.FLOAT, rows, columns);
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution(bernoulli, 0.9));
        float[] input = values(rows * columns, 5);
        float[] mask = FloatKernels.read(bernoulli, new float[rows * columns]);
        float[] out = new float[rows * columns];
        FloatKernels.dropout(input, mask, (float) 0.9, out, out.length);

        INDArray scaled = bernoulli.divi(0.9);
        assertBitwiseEqual(scaled, mask, "scaled mask");
        assertBitwiseEqual(Nd4j.createFromArray(input).reshape(rows, columns).mul(scaled), out, "dropped input");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 100, 1000})
    void columnSumsAreNd4jsSumAlongRows(int rows) {
        for (int columns : new int[]{1, 10, 64}) {
            float[] v = values(rows * columns, rows + columns);
            INDArray d = Nd4j.createFromArray(v).reshape(rows, columns);
            float[] sums = new float[columns];
            FloatKernels.columnSums(v, rows, columns, sums);
            assertBitwiseEqual(d.sum(0), sums, rows + " x " + columns);
        }
    }
}
