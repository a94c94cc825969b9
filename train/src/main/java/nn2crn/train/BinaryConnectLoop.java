package nn2crn.train;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One epoch of BinaryConnect written with ND4J ops on the DL4J network's own parameter, gradient
 * and updater views, in place of {@code MultiLayerNetwork.fit}, whose per-iteration bookkeeping
 * (workspaces, the weight-noise hook allocating new arrays, listeners, the score) cost several
 * times the arithmetic on networks this small. Every array of an iteration is allocated once per
 * batch size and reused. The arithmetic is DL4J's: the forward and backward passes use the
 * quantized (and scaled) weights and their gradient is the latent weights' gradient (the
 * straight-through estimator, tested equal to DL4J's own backprop), DL4J's updater (Adam with the
 * config's schedule, its state kept in the network, so checkpoints are unchanged) divides the
 * summed gradient by the batch size and makes the step, and DL4J's constraint clips the latent
 * weights.
 *
 * <p>Matrix products stay ND4J's. Where an ND4J op's set-up costs more than its arithmetic, the
 * loop does the same float operations in Java instead: the elementwise steps of ReLU networks
 * ({@link FloatKernels}: gathering the batch, dropout, relu and its derivative, the bias gradient)
 * and, where it is DL4J's step exactly, the whole update ({@link FusedAdamStep}). Both give the
 * ND4J path's parameters bit for bit (tested over several epochs, and past step 3,600).
 */
final class BinaryConnectLoop {

    private final MultiLayerNetwork net;
    private final int layers;
    private final Quantizer quantizer;
    private final boolean quantize;
    private final boolean smoothRelu;
    private final double eps;
    private final boolean crossEntropy;
    private final double[] scale;
    /** Retain probability of each layer's input (1: no dropout). */
    private final double[] keep;
    private final INDArray[] latent;
    private final INDArray[] bias;
    /** The biases as vectors, the shape xw_plus_b takes. */
    private final INDArray[] biasVector;
    private final INDArray[] gradW;
    /** The bias gradients as vectors, the shape a column sum writes. */
    private final INDArray[] gradB;
    /** The weights each layer computes with, refreshed after every step. */
    private final INDArray[] used;
    private final Gradient gradient;
    private final INDArray params;
    /** The flattened gradient view in the parameters' shape: the updater leaves the step there. */
    private final INDArray step;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private Updater updater;
    private List<UpdaterBlock> blocks;
    /** The step as Java loops, where it is DL4J's step exactly (null: DL4J's updater and constraint). */
    private FusedAdamStep fusedStep;
    /** The updater the fused step was found not to apply to (not to look again every step). */
    private Updater noFusedStepFor;
    /**
     * Whether the fused step and {@link FloatKernels} may be used; tests turn them off to compare
     * with the ND4J ops and DL4J step they replace.
     */
    private boolean javaSteps = true;
    /** Heap copies for {@link #quantizeFloats}, sized for the largest layer. */
    private float[] latentValues = new float[0];
    private float[] quantizedValues = new float[0];

    /** The arrays of one iteration for a batch of some number of rows. */
    private final class Buffers {
        /** The batch's rows, gathered here (a view per batch would allocate its shape each time). */
        INDArray x;
        INDArray y;
        final INDArray[] mask = new INDArray[layers];
        /** Where a layer's input goes after dropout. */
        final INDArray[] dropped = new INDArray[layers];
        /** Each layer's input in this pass: the batch, the previous layer's output, or its dropout. */
        final INDArray[] input = new INDArray[layers];
        final INDArray[] pre = new INDArray[layers];
        final INDArray[] out = new INDArray[layers];
        final INDArray[] back = new INDArray[layers];
        final INDArray[] delta = new INDArray[layers];
        /** Heap copies for {@link FloatKernels}: the pre-activations, the scaled dropout masks. */
        final float[][] preValues = new float[layers][];
        final float[][] maskValues = new float[layers][];
        /** Values of whatever one step needs in the heap for a moment. */
        final float[] scratch;
        final float[] result;

        Buffers(int rows) {
            int widest = 0;
            for (int k = 0; k < layers; k++) {
                long in = latent[k].rows();
                long units = latent[k].columns();
                if (keep[k] < 1) {
                    mask[k] = Nd4j.create(DataType.FLOAT, rows, in);
                    dropped[k] = Nd4j.create(DataType.FLOAT, rows, in);
                    maskValues[k] = new float[(int) (rows * in)];
                }
                pre[k] = Nd4j.create(DataType.FLOAT, rows, units);
                preValues[k] = new float[(int) (rows * units)];
                out[k] = Nd4j.create(DataType.FLOAT, rows, units);
                delta[k] = Nd4j.create(DataType.FLOAT, rows, units);
                if (k > 0) {
                    // 'f' order, the layout BLAS writes: a 'c'-ordered result cost 115 against 38 us
                    // (100 x 10 x 64) and gemm into it rounds differently from the loop's first version
                    back[k] = Nd4j.create(DataType.FLOAT, new long[]{rows, in}, 'f');
                }
                widest = (int) Math.max(widest, Math.max(in, units));
            }
            scratch = new float[rows * widest];
            result = new float[rows * widest];
        }
    }

    BinaryConnectLoop(MultiLayerNetwork net, TrainConfig config) {
        this.net = net;
        this.layers = net.getnLayers();
        this.quantizer = config.quantizer();
        this.quantize = quantizer.mode() != WeightMode.REAL;
        this.smoothRelu = config.smoothRelu();
        this.eps = config.network().eps() == null ? 0 : config.network().eps();
        this.crossEntropy = config.crossEntropy();
        if (net.getFlattenedGradients() == null) {
            // only when there is none: a new view would leave an existing updater on the old one
            net.initGradientsView();
        }
        scale = new double[layers];
        keep = new double[layers];
        latent = new INDArray[layers];
        bias = new INDArray[layers];
        biasVector = new INDArray[layers];
        gradW = new INDArray[layers];
        gradB = new INDArray[layers];
        used = new INDArray[layers];
        gradient = new DefaultGradient(net.getFlattenedGradients());
        for (int k = 0; k < layers; k++) {
            latent[k] = net.getLayer(k).getParam(DefaultParamInitializer.WEIGHT_KEY);
            bias[k] = net.getLayer(k).getParam(DefaultParamInitializer.BIAS_KEY);
            biasVector[k] = bias[k].reshape(bias[k].length());
            Map<String, INDArray> views = DefaultParamInitializer.getInstance().getGradientsFromFlattened(
                    net.getLayer(k).conf(), net.getLayer(k).getGradientsViewArray());
            gradW[k] = views.get(DefaultParamInitializer.WEIGHT_KEY);
            INDArray biasGradient = views.get(DefaultParamInitializer.BIAS_KEY);
            gradB[k] = biasGradient.reshape(biasGradient.length());
            gradient.setGradientFor(k + "_" + DefaultParamInitializer.WEIGHT_KEY, gradW[k]);
            gradient.setGradientFor(k + "_" + DefaultParamInitializer.BIAS_KEY, biasGradient);
            scale[k] = NetworkFactory.weightScale(config, (int) latent[k].rows(), (int) latent[k].columns());
            double drop = k == 0 ? config.training().inputDropout() : config.training().hiddenDropout();
            keep[k] = 1 - drop;
            // in the latent weights' order ('f'), so the fused step quantizes one contiguous run
            used[k] = quantize ? Nd4j.create(DataType.FLOAT, latent[k].shape(), latent[k].ordering()) : latent[k];
        }
        params = net.params();
        step = net.getFlattenedGradients().reshape(params.shape());
    }

    /** One pass over the rows in the given order, a step per batch. */
    void epoch(INDArray x, INDArray y, int[] order, int batchSize) {
        int n = order.length;
        int epoch = net.getEpochCount();
        if (fusedStep != null) {
            // the network may have been changed since the last epoch (a test, a restored state)
            fusedStep.load();
        }
        boolean weightsQuantized = false;
        try {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                Buffers b = buffers(to - from);
                if (b.x == null) {
                    b.x = Nd4j.create(x.dataType(), to - from, x.columns());
                    b.y = Nd4j.create(y.dataType(), to - from, y.columns());
                }
                int[] rows = Arrays.copyOfRange(order, from, to);
                gatherRows(x, rows, b.x, javaSteps);
                gatherRows(y, rows, b.y, javaSteps);
                if (!weightsQuantized) {
                    quantizeAll();
                }
                forwardAndBackward(b, b.x, b.y, true);
                int iteration = net.getIterationCount();
                if (fusedStep != null && fusedStep.loaded() && fusedStep.isFor(net.getUpdater())) {
                    fusedStep.step(iteration, epoch, to - from, (n - from + batchSize - 1) / batchSize);
                    weightsQuantized = true; // the step wrote the next pass's weights
                } else {
                    update(iteration, epoch, to - from);
                    params.subi(step);
                    net.applyConstraints(iteration, epoch);
                    weightsQuantized = false;
                    fusedStep = fusedStepFor(net.getUpdater());
                    if (fusedStep != null) {
                        fusedStep.load();
                    }
                }
                net.setIterationCount(iteration + 1);
            }
        } finally {
            if (fusedStep != null && fusedStep.isFor(net.getUpdater())) {
                fusedStep.store();
            }
        }
    }

    /** The fused step for this updater (set up by DL4J's first step), or null where it does not apply. */
    private FusedAdamStep fusedStepFor(Updater current) {
        if (!javaSteps || current == noFusedStepFor) {
            return null;
        }
        if (fusedStep != null && fusedStep.isFor(current)) {
            return fusedStep;
        }
        FusedAdamStep created = FusedAdamStep.create(net, quantizer, latent, bias, used, scale);
        if (created == null) {
            noFusedStepFor = current;
        }
        return created;
    }

    /**
     * The given rows of a matrix into a batch matrix of the same type, as pullRows does: a copy per
     * row between the native buffers where both are contiguous row-major floats (pullRows' set-up
     * cost 20-30 us a call, more than the copying).
     */
    private static void gatherRows(INDArray from, int[] rows, INDArray into, boolean inJava) {
        if (!inJava || !FloatKernels.rowMajorFloats(from) || !FloatKernels.rowMajorFloats(into)) {
            Nd4j.pullRows(from, into, 1, rows);
            return;
        }
        int columns = (int) from.columns();
        FloatBuffer source = from.data().asNioFloat();
        FloatBuffer target = into.data().asNioFloat();
        int sourceAt = (int) from.offset();
        int targetAt = (int) into.offset();
        for (int i = 0; i < rows.length; i++) {
            target.put(targetAt + i * columns, source, sourceAt + rows[i] * columns, columns);
        }
    }

    /** Whether steps go through {@link FusedAdamStep} (for tests). */
    boolean usesFusedStep() {
        return fusedStep != null;
    }

    /**
     * Makes every step go through ND4J's ops and DL4J's updater and constraint, not the Java
     * kernels and fused step (for tests comparing the two).
     */
    void useNd4jOpsOnly() {
        javaSteps = false;
        fusedStep = null;
    }

    /**
     * DL4J's updater step. The first goes through {@code Updater.update}, which sets up the updater
     * blocks' views; then, since no gradient normalization is configured, its work is the division
     * by the batch size and each block's update (Adam with its schedule), done here without its
     * per-call bookkeeping, which cost as much as the rest of an iteration.
     */
    private void update(int iteration, int epoch, int rows) {
        // a network that replaces its updater gets new blocks too: set them up through DL4J again
        Updater current = net.getUpdater();
        if (current != updater) {
            current.update(net, gradient, iteration, epoch, rows, LayerWorkspaceMgr.noWorkspaces());
            updater = current;
            blocks = ((BaseMultiLayerUpdater<?>) current).getUpdaterBlocks();
            return;
        }
        step.divi(rows);
        for (UpdaterBlock block : blocks) {
            block.update(iteration, epoch);
        }
    }

    private Buffers buffers(int rows) {
        return buffers.computeIfAbsent(rows, Buffers::new);
    }

    /**
     * Writes the gradient of the loss summed over the batch into the network's gradient views (as
     * DL4J's backprop does, before its updater divides by the batch size).
     *
     * @param train whether dropout applies
     */
    void gradient(INDArray x, INDArray y, boolean train) {
        quantizeAll();
        forwardAndBackward(buffers((int) x.rows()), x, y, train);
    }

    private void quantizeAll() {
        for (int k = 0; k < layers; k++) {
            quantize(k);
        }
    }

    private void forwardAndBackward(Buffers b, INDArray x, INDArray y, boolean train) {
        // ReLU networks take their elementwise steps in Java (FloatKernels: ND4J's values, less set-up)
        boolean kernels = javaSteps && !smoothRelu && FloatKernels.rowMajorFloats(x);
        INDArray a = x;
        float[] values = null; // a's values, where a Java step just made them
        for (int k = 0; k < layers; k++) {
            if (train && keep[k] < 1) {
                // inverted dropout of the layer's input, as DL4J's Dropout applies it
                Nd4j.getExecutioner().exec(new BernoulliDistribution(b.mask[k], keep[k]));
                if (kernels) {
                    float[] mask = FloatKernels.read(b.mask[k], b.maskValues[k]);
                    float[] in = values != null ? values : FloatKernels.read(a, b.scratch);
                    FloatKernels.dropout(in, mask, (float) keep[k], b.result, mask.length);
                    FloatKernels.write(b.result, b.dropped[k]);
                } else {
                    b.mask[k].divi(keep[k]);
                    a.mul(b.mask[k], b.dropped[k]);
                }
                a = b.dropped[k];
            }
            b.input[k] = a;
            Nd4j.exec(new XwPlusB(new INDArray[]{a, used[k], biasVector[k]}, b.pre[k]));
            values = null;
            if (k < layers - 1) {
                if (kernels) {
                    float[] pre = FloatKernels.read(b.pre[k], b.preValues[k]);
                    values = FloatKernels.relu(pre, b.result, pre.length);
                    FloatKernels.write(values, b.out[k]);
                } else {
                    activate(b.pre[k], b.out[k]);
                }
            } else if (crossEntropy) {
                Nd4j.exec(new SoftMax(b.pre[k], b.out[k], -1));
            } else {
                b.out[k].assign(b.pre[k]);
            }
            a = b.out[k];
        }
        // the gradient of the summed loss with respect to the output layer's pre-activation
        int last = layers - 1;
        INDArray delta = b.delta[last];
        if (crossEntropy) {
            a.sub(y, delta); // softmax with cross-entropy: p - y
        } else {
            // squared hinge: -2 y max(0, 1 - y z)
            y.mul(a, delta).rsubi(1);
            Transforms.max(delta, 0.0, false);
            delta.muli(y).muli(-2);
        }
        for (int k = last; k >= 0; k--) {
            INDArray d = b.delta[k];
            // gemm with a transpose flag, not mmul on a transposed view: that path cost 2-5x as
            // much and grew over an epoch (1 to 2.7 ms a step on the 3x256 network), same values
            Nd4j.gemm(b.input[k], d, gradW[k], true, false, 1.0, 0.0);
            if (javaSteps) {
                columnSums(d, gradB[k], b);
            } else {
                d.sum(gradB[k], 0);
            }
            if (k == 0) {
                break;
            }
            INDArray back = Nd4j.gemm(d, used[k], b.back[k], false, true, 1.0, 0.0);
            boolean dropout = train && keep[k] < 1;
            if (kernels && back.ordering() == 'f' && FloatKernels.contiguousFloats(back)) {
                float[] upstream = FloatKernels.read(back, b.scratch);
                float[] pre = b.preValues[k - 1];
                FloatKernels.reluBackprop(pre, upstream, dropout ? b.maskValues[k] : null, b.result,
                        (int) back.rows(), (int) back.columns());
                FloatKernels.write(b.result, b.delta[k - 1]);
            } else {
                if (dropout) {
                    back.muli(b.mask[k]);
                }
                activationBackprop(b.pre[k - 1], back, b.delta[k - 1]);
            }
        }
    }

    /**
     * The bias gradient, the column sums of the delta, as ND4J's sum along dimension 0 adds them,
     * in Java: the reduction op's set-up cost 30-50 us a call.
     */
    private static void columnSums(INDArray d, INDArray sums, Buffers b) {
        if (!FloatKernels.rowMajorFloats(d) || !FloatKernels.contiguousFloats(sums)) {
            d.sum(sums, 0);
            return;
        }
        FloatKernels.columnSums(FloatKernels.read(d, b.scratch), (int) d.rows(), (int) d.columns(), b.result);
        FloatKernels.write(b.result, sums);
    }

    /** The weights layer k computes with: its quantized latent weights, times BinaryConnect's H. */
    private void quantize(int k) {
        if (!quantize) {
            return;
        }
        INDArray q = used[k];
        if (quantizer.elementwise() && quantizeFloats(k)) {
            return;
        }
        if (!quantizer.elementwise()) {
            // a budget looks at the whole layer: the same rule the export applies
            q.assign(Nd4j.create(quantizer.apply(latent[k].castTo(DataType.DOUBLE).toDoubleMatrix())));
        } else if (quantizer.mode() == WeightMode.TERNARY) {
            q.assign(latent[k]);
            BooleanIndexing.replaceWhere(q, 0.0, Conditions.absLessThan(quantizer.threshold()));
            Transforms.sign(q, false);
        } else {
            q.assign(latent[k]);
            Transforms.sign(q, false);
            BooleanIndexing.replaceWhere(q, 1.0, Conditions.equals(0.0)); // sign(0) = 0, binary takes +1
        }
        if (scale[k] != 1) {
            q.muli(scale[k]);
        }
    }

    /** Layer k's weights as the next forward pass uses them (for tests). */
    INDArray quantizedWeights(int k) {
        quantize(k);
        return used[k];
    }

    /**
     * The elementwise rule ({@link WeightMode#apply}, the export's) in one Java pass
     * ({@link FloatKernels#quantize}) over a heap copy of the latent weights: the four ND4J ops it
     * replaces (copy, compare-and-set, sign, scale) each cost more in call overhead than this whole
     * pass on layers this size. Latent and used weights are one run of the same layout (as the loop
     * creates them); else the ND4J ops.
     *
     * @return false where it does not apply
     */
    private boolean quantizeFloats(int k) {
        INDArray from = latent[k];
        INDArray to = used[k];
        if (!FloatKernels.contiguousFloats(from) || !FloatKernels.contiguousFloats(to)
                || from.ordering() != to.ordering() || !Arrays.equals(from.shape(), to.shape())) {
            return false;
        }
        int n = (int) from.length();
        if (latentValues.length < n) {
            latentValues = new float[n];
            quantizedValues = new float[n];
        }
        FloatKernels.quantize(FloatKernels.read(from, latentValues), 0, quantizedValues, n, quantizer.mode(),
                (float) quantizer.threshold(), (float) scale[k]);
        FloatKernels.write(quantizedValues, to);
        return true;
    }

    private void activate(INDArray z, INDArray out) {
        if (smoothRelu) {
            // (z + sqrt(z^2 + 4 eps)) / 2
            z.mul(z, out).addi(4 * eps);
            Transforms.sqrt(out, false).addi(z).divi(2);
        } else {
            Nd4j.exec(new RectifiedLinear(z, out, 0.0));
        }
    }

    private void activationBackprop(INDArray z, INDArray upstream, INDArray result) {
        if (smoothRelu) {
            // d/dz = (1 + z / sqrt(z^2 + 4 eps)) / 2
            z.mul(z, result).addi(4 * eps);
            Transforms.sqrt(result, false).rdivi(z).addi(1).divi(2).muli(upstream);
        } else {
            Nd4j.exec(new RectifiedLinearDerivative(z, upstream, result));
        }
    }

    /** The loss DL4J reports (its score): the mean over the examples of the summed output loss. */
    static double meanLoss(INDArray output, INDArray targets, boolean crossEntropy) {
        if (crossEntropy) {
            return -Transforms.log(Transforms.max(output, 1e-10, true), false).muli(targets).sumNumber().doubleValue()
                    / output.rows();
        }
        INDArray margin = Transforms.max(targets.mul(output).rsubi(1), 0.0, false);
        return margin.muli(margin).sumNumber().doubleValue() / output.rows();
    }
}
