package nn2crn.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loop's elementwise steps in Java over heap copies of ND4J's float buffers. On the
 * batch-sized arrays of these networks an ND4J op's set-up (10-110 us a call, the custom ops the
 * most) costs more than its arithmetic, and copying a buffer to the heap and back costs 1-2 us.
 * Each kernel gives ND4J's op's values bit for bit (tested): the same float operations in the same
 * order, without a branch per value where signs are a coin toss to the branch predictor.
 */
final class FloatKernels {

    private FloatKernels() {
    }

    /** Whether the array is floats in one contiguous run, row-major (its values read in that order). */
    static boolean rowMajorFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.rank() == 2 && a.ordering() == 'c' && a.elementWiseStride() == 1
                && a.length() <= Integer.MAX_VALUE;
    }

    /** Whether the array is floats in one contiguous run (either order). */
    static boolean contiguousFloats(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && a.length() <= Integer.MAX_VALUE;
    }

    /** The array's values in its own memory order (see {@link #contiguousFloats}). */
    static float[] read(INDArray a, float[] into) {
        a.data().asNioFloat().get((int) a.offset(), into, 0, (int) a.length());
        return into;
    }

    static void write(float[] values, INDArray a) {
        a.data().asNioFloat().put((int) a.offset(), values, 0, (int) a.length());
    }

    /**
     * ND4J's relu with cutoff 0 ({@code x < 0 ? 0 : x}: -0 stays -0): the sign bit clears values
     * that are negative and not zero.
     */
    static float[] relu(float[] pre, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(pre[i]);
            int negative = (bits >> 31) & ~(((bits & 0x7fffffff) - 1) >> 31);
            out[i] = Float.intBitsToFloat(bits & ~negative);
        }
        return out;
    }

    /**
     * Inverted dropout as DL4J applies it: the Bernoulli mask divided by the retain probability
     * (kept in {@code mask} for the backward pass), times the input.
     */
    static void dropout(float[] input, float[] mask, float keep, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float m = mask[i] / keep;
            mask[i] = m;
            out[i] = input[i] * m;
        }
    }

    /**
     * ND4J's relu_bp after the dropout mask: {@code z > 0 ? upstream * mask : 0} (a zero for -0 too),
     * the upstream gradient in column-major order (as the backward product writes it), z, the mask
     * and the result row-major.
     *
     * @param mask the scaled dropout mask of these values, or null without dropout
     */
    static void reluBackprop(float[] z, float[] upstreamColumnMajor, float[] mask, float[] out, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            int at = r * columns;
            for (int c = 0; c < columns; c++) {
                float g = upstreamColumnMajor[c * rows + r];
                if (mask != null) {
                    g = g * mask[at + c];
                }
                int bits = Float.floatToRawIntBits(z[at + c]);
                int positive = ~(bits >> 31) & (-bits >> 31); // all ones where z > 0
                out[at + c] = Float.intBitsToFloat(Float.floatToRawIntBits(g) & positive);
            }
        }
    }

    /**
     * {@link WeightMode#apply} times the layer's scale, for n latent weights from {@code from} on,
     * without a branch per weight where the rule allows: the signs of latent weights are a coin toss
     * to the branch predictor, and the branching form took 2-3 ns a weight (0.5 ms a step on the
     * 3x256 network). Equal to the rule for every weight but NaN.
     *
     * @param threshold the ternary threshold, exactly a float (the rule compares floats with it)
     * @param scale     positive
     */
    static void quantize(float[] latent, int from, float[] out, int n, WeightMode mode, float threshold, float scale) {
        int magnitude = Float.floatToRawIntBits(scale);
        if (mode == WeightMode.BINARY) {
            // w >= 0 gives +h: w + 0 turns -0 into +0, then the sign bit decides
            for (int i = 0; i < n; i++) {
                out[i] = Float.intBitsToFloat(magnitude | (Float.floatToRawIntBits(latent[from + i] + 0f) & 0x80000000));
            }
        } else if (mode == WeightMode.TERNARY && threshold > 0) {
            // for non-negative floats the order of their bit patterns is their order: |w| < t as ints
            int cut = Float.floatToRawIntBits(threshold);
            for (int i = 0; i < n; i++) {
                int bits = Float.floatToRawIntBits(latent[from + i]);
                int below = ((bits & 0x7fffffff) - cut) >> 31; // all ones where |w| < t
                out[i] = Float.intBitsToFloat((magnitude | (bits & 0x80000000)) & ~below);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float q = (float) mode.apply(latent[from + i], threshold);
                out[i] = scale == 1 ? q : q * scale;
            }
        }
    }

    /** The column sums of a row-major matrix, row after row in float, as ND4J's sum along dimension 0 adds. */
    static void columnSums(float[] values, int rows, int columns, float[] sums) {
        System.arraycopy(values, 0, sums, 0, columns);
        for (int r = 1; r < rows; r++) {
            int at = r * columns;
            for (int c = 0; c < columns; c++) {
                sums[c] += values[at + c];
            }
        }
    }
}
