package nn2crn.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * BinaryConnect's step after a backward pass (DL4J's Adam with its schedule, the latent-weight clip,
 * and the quantization of the weights the next forward pass uses) as a few plain Java loops over
 * heap copies of the parameters and of Adam's two moments. It replaces five ND4J calls a step plus
 * two per layer (the division by the batch size, the Adam op, the subtraction, the clip's min and
 * max), each of whose set-up cost more than its arithmetic on networks this size, and the loops over
 * heap arrays vectorize where loops over ND4J's native buffers do not.
 *
 * <p>The copies are loaded from the network when an epoch starts and written back when it ends, so
 * checkpoints, evaluation and export see what DL4J's own step leaves. The arithmetic is libnd4j's
 * {@code adam_updater}, operation for operation in float, and the bias corrections beta^t come from
 * ND4J's own pow (Java's {@code Math.pow} rounds a few of them differently, e.g. at step 3,606):
 * the parameters are bit-identical to the ND4J step (tested over whole epochs).
 *
 * <p>Used only where that holds: every updater block Adam, no regularization or gradient
 * normalization, float parameters in contiguous buffers, an elementwise quantizer.
 */
final class FusedAdamStep {

    private final Updater updater;
    private final FloatBuffer paramBuffer;
    private final int paramAt;
    private final FloatBuffer gradientBuffer;
    private final int gradientAt;
    private final float[] p;
    private final float[] g;
    private final float[] m;
    private final float[] v;
    private final Block[] blocks;
    private final Layer[] layers;
    private final WeightMode mode;
    /** The ternary threshold, exactly a float (the quantizer's rule compares floats with it). */
    private final float threshold;
    private boolean loaded;

    /** An updater block: a range of the flattened parameters with one Adam and its state views. */
    private record Block(int from, int to, Adam config, FloatBuffer mBuffer, int mAt, FloatBuffer vBuffer, int vAt,
                         PowerTable powers) {
    }

    /**
     * A layer's latent weights (one column-major run) and bias within the flattened parameters, and
     * the weights it computes with (the same layout, in a buffer of their own).
     */
    private record Layer(int weightAt, int weights, int biasAt, int biasLength, float scale, FloatBuffer usedBuffer,
                         float[] quantized) {
    }

    /** beta1^t and beta2^t for a run of iterations, as libnd4j's Adam computes them. */
    private static final class PowerTable {
        private final float beta1;
        private final float beta2;
        private int from;
        private float[] beta1Powers = new float[0];
        private float[] beta2Powers = new float[0];

        PowerTable(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
        }

        /** Makes sure iterations [iteration, iteration + count) are in the table. */
        void cover(int iteration, int count) {
            if (iteration >= from && iteration < from + beta1Powers.length) {
                return;
            }
            from = iteration;
            // the exponent is iteration + 1, as a float in libnd4j
            INDArray exponents = Nd4j.arange(iteration + 1, iteration + 1 + Math.max(1, count)).castTo(DataType.FLOAT);
            beta1Powers = powers(beta1, exponents);
            beta2Powers = powers(beta2, exponents);
        }

        private static float[] powers(float base, INDArray exponents) {
            INDArray bases = Nd4j.valueArrayOf(exponents.shape(), base, DataType.FLOAT);
            return Transforms.pow(bases, exponents, false).toFloatVector();
        }

        float beta1Power(int iteration) {
            return beta1Powers[iteration - from];
        }

        float beta2Power(int iteration) {
            return beta2Powers[iteration - from];
        }
    }

    private FusedAdamStep(Updater updater, INDArray params, INDArray gradients, Block[] blocks, Layer[] layers,
                          Quantizer quantizer) {
        this.updater = updater;
        this.paramBuffer = params.data().asNioFloat();
        this.paramAt = (int) params.offset();
        this.gradientBuffer = gradients.data().asNioFloat();
        this.gradientAt = (int) gradients.offset();
        int length = (int) params.length();
        this.p = new float[length];
        this.g = new float[length];
        this.m = new float[length];
        this.v = new float[length];
        this.blocks = blocks;
        this.layers = layers;
        this.mode = quantizer.mode();
        this.threshold = (float) quantizer.threshold();
    }

    /**
     * The fused step for the network's current updater, or null where it would not be DL4J's step
     * exactly (then the caller keeps DL4J's updater and constraint).
     *
     * @param latent the layers' latent weight views
     * @param bias   the layers' bias views
     * @param used   the arrays the forward pass reads the quantized, scaled weights from
     * @param scale  each layer's weight scale (BinaryConnect's H)
     */
    static FusedAdamStep create(MultiLayerNetwork net, Quantizer quantizer, INDArray[] latent, INDArray[] bias,
                                INDArray[] used, double[] scale) {
        Updater updater = net.getUpdater();
        INDArray params = net.params();
        INDArray gradients = net.getFlattenedGradients();
        if (quantizer.mode() == WeightMode.REAL || !quantizer.elementwise()
                || !(updater instanceof BaseMultiLayerUpdater<?> multi)
                || !FloatKernels.contiguousFloats(params) || !FloatKernels.contiguousFloats(gradients)
                || params.length() != gradients.length()
                || params.length() > Integer.MAX_VALUE / 2) {
            return null;
        }
        for (int k = 0; k < latent.length; k++) {
            if (!(net.getLayer(k).conf().getLayer() instanceof BaseLayer layer)
                    || !layer.getRegularization().isEmpty() || !layer.getRegularizationBias().isEmpty()
                    || (layer.getGradientNormalization() != null
                        && layer.getGradientNormalization() != GradientNormalization.None)
                    || layer.getConstraints() == null || layer.getConstraints().size() != 1
                    || !(layer.getConstraints().get(0) instanceof LatentWeightClip)
                    || latent[k].dataType() != DataType.FLOAT || latent[k].rank() != 2
                    || !sameMemory(latent[k], params) || !sameMemory(bias[k], params)
                    || !FloatKernels.contiguousFloats(bias[k]) || !oneColumnMajorRun(latent[k])
                    || !oneColumnMajorRun(used[k]) || used[k].length() != used[k].data().length()
                    || used[k].offset() != 0) {
                return null;
            }
        }
        List<UpdaterBlock> updaterBlocks = multi.getUpdaterBlocks();
        Block[] blocks = new Block[updaterBlocks.size()];
        int covered = 0;
        for (int i = 0; i < blocks.length; i++) {
            UpdaterBlock block = updaterBlocks.get(i);
            if (!(block.getGradientUpdater() instanceof AdamUpdater adam) || adam.getM() == null
                    || !FloatKernels.contiguousFloats(adam.getM()) || !FloatKernels.contiguousFloats(adam.getV())
                    || adam.getConfig().getEpsilon() == 0 || block.getParamOffsetStart() != covered) {
                return null;
            }
            Adam config = adam.getConfig();
            covered = block.getParamOffsetEnd();
            blocks[i] = new Block(block.getParamOffsetStart(), block.getParamOffsetEnd(), config,
                    adam.getM().data().asNioFloat(), (int) adam.getM().offset(),
                    adam.getV().data().asNioFloat(), (int) adam.getV().offset(),
                    new PowerTable((float) config.getBeta1(), (float) config.getBeta2()));
        }
        if (covered != params.length()) {
            return null;
        }
        Layer[] layers = new Layer[latent.length];
        for (int k = 0; k < latent.length; k++) {
            layers[k] = new Layer((int) (latent[k].offset() - params.offset()), (int) latent[k].length(),
                    (int) (bias[k].offset() - params.offset()), (int) bias[k].length(), (float) scale[k],
                    used[k].data().asNioFloat(), new float[(int) used[k].length()]);
        }
        return new FusedAdamStep(updater, params, gradients, blocks, layers, quantizer);
    }

    /**
     * Whether a view lies in the same native memory as the array it was taken from: a view's buffer
     * is its own object but has the original's address, and the view's offset counts from there.
     */
    private static boolean sameMemory(INDArray view, INDArray whole) {
        return view.data().address() == whole.data().address();
    }

    /** A float matrix laid out column after column without gaps (as DL4J's weight views are). */
    private static boolean oneColumnMajorRun(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.rank() == 2 && a.stride(0) == 1 && a.stride(1) == a.rows()
                && a.length() <= Integer.MAX_VALUE;
    }

    /** Whether this step mirrors the given updater (a network given a new updater needs a new one). */
    boolean isFor(Updater current) {
        return current == updater;
    }

    /** Copies the parameters and Adam's moments from the network. */
    void load() {
        paramBuffer.get(paramAt, p, 0, p.length);
        for (Block b : blocks) {
            b.mBuffer.get(b.mAt, m, b.from, b.to - b.from);
            b.vBuffer.get(b.vAt, v, b.from, b.to - b.from);
        }
        loaded = true;
    }

    boolean loaded() {
        return loaded;
    }

    /** Writes the parameters and Adam's moments back into the network. */
    void store() {
        if (!loaded) {
            return;
        }
        paramBuffer.put(paramAt, p, 0, p.length);
        for (Block b : blocks) {
            b.mBuffer.put(b.mAt, m, b.from, b.to - b.from);
            b.vBuffer.put(b.vAt, v, b.from, b.to - b.from);
        }
    }

    /**
     * One step from the summed gradient in the network's gradient view: Adam on every parameter,
     * the clip on the latent weights, then the biases written into the network and the quantized
     * weights into the arrays the next forward pass reads.
     *
     * @param rows      the batch size the gradient was summed over
     * @param remaining how many steps this epoch still makes, this one included (for the bias corrections)
     */
    void step(int iteration, int epoch, int rows, int remaining) {
        gradientBuffer.get(gradientAt, g, 0, g.length);
        float batch = rows;
        for (Block b : blocks) {
            b.powers.cover(iteration, remaining);
            adam(b, iteration, epoch, batch);
        }
        for (Layer layer : layers) {
            clip(layer);
            paramBuffer.put(paramAt + layer.biasAt, p, layer.biasAt, layer.biasLength);
            FloatKernels.quantize(p, layer.weightAt, layer.quantized, layer.weights, mode, threshold, layer.scale);
            layer.usedBuffer.put(0, layer.quantized, 0, layer.weights);
        }
    }

    /** libnd4j's adam_updater in float, then the subtraction DL4J's step makes. */
    private void adam(Block b, int iteration, int epoch, float batch) {
        float lr = (float) b.config.getLearningRate(iteration, epoch);
        float beta1 = (float) b.config.getBeta1();
        float beta2 = (float) b.config.getBeta2();
        float epsilon = (float) b.config.getEpsilon();
        float beta1Power = b.powers.beta1Power(iteration);
        float beta2Power = b.powers.beta2Power(iteration);
        // lr * sqrt(1 - beta2^t) / (1 - beta1^t): the square root in float, the division in double
        float corrected = (float) ((double) (lr * (float) Math.sqrt((float) (1.0 - beta2Power))) / (1.0 - beta1Power));
        if (Float.isNaN(corrected) || corrected == 0 || Float.isInfinite(corrected)) {
            corrected = epsilon;
        }
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        float[] p = this.p;
        float[] g = this.g;
        float[] m = this.m;
        float[] v = this.v;
        for (int i = b.from; i < b.to; i++) {
            float gi = g[i] / batch;
            float mi = beta1 * m[i] + gi * keep1;
            float vi = beta2 * v[i] + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] - (mi * corrected) / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    /** {@link LatentWeightClip}: min with 1, then max with -1. */
    private void clip(Layer layer) {
        float[] p = this.p;
        for (int i = layer.weightAt, end = layer.weightAt + layer.weights; i < end; i++) {
            p[i] = Math.max(Math.min(p[i], 1f), -1f);
        }
    }
}
