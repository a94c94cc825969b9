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
    /** Their transposes (views, made once). */
    private final INDArray[] usedTransposed;
    private final Gradient gradient;
    private final INDArray params;
    /** The flattened gradient view in the parameters' shape: the updater leaves the step there. */
    private final INDArray step;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private Updater updater;
    private List<UpdaterBlock> blocks;

    /** The arrays of one iteration for a batch of some number of rows. */
    private final class Buffers {
        /** The batch's rows, gathered here (a view per batch would allocate its shape each time). */
        INDArray x;
        INDArray y;
        final INDArray[] mask = new INDArray[layers];
        final INDArray[] input = new INDArray[layers];
        /** The transpose view of {@code input[k]}, kept while input[k] is the same array. */
        final INDArray[] inputTransposed = new INDArray[layers];
        private final INDArray[] transposedOf = new INDArray[layers];
        final INDArray[] pre = new INDArray[layers];
        final INDArray[] out = new INDArray[layers];
        final INDArray[] back = new INDArray[layers];
        final INDArray[] delta = new INDArray[layers];

        Buffers(int rows) {
            for (int k = 0; k < layers; k++) {
                long in = latent[k].rows();
                long units = latent[k].columns();
                if (keep[k] < 1) {
                    mask[k] = Nd4j.create(DataType.FLOAT, rows, in);
                    input[k] = Nd4j.create(DataType.FLOAT, rows, in);
                }
                pre[k] = Nd4j.create(DataType.FLOAT, rows, units);
                out[k] = Nd4j.create(DataType.FLOAT, rows, units);
                delta[k] = Nd4j.create(DataType.FLOAT, rows, units);
                if (k > 0) {
                    back[k] = Nd4j.create(DataType.FLOAT, rows, in);
                }
            }
        }

        INDArray inputTransposed(int k) {
            if (transposedOf[k] != input[k]) {
                transposedOf[k] = input[k];
                inputTransposed[k] = input[k].transpose();
            }
            return inputTransposed[k];
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
        usedTransposed = new INDArray[layers];
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
            used[k] = quantize ? Nd4j.create(DataType.FLOAT, latent[k].shape()) : latent[k];
            usedTransposed[k] = used[k].transpose();
        }
        params = net.params();
        step = net.getFlattenedGradients().reshape(params.shape());
    }

    /** One pass over the rows in the given order, a step per batch. */
    void epoch(INDArray x, INDArray y, int[] order, int batchSize) {
        int n = order.length;
        int epoch = net.getEpochCount();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Buffers b = buffers(to - from);
            if (b.x == null) {
                b.x = Nd4j.create(x.dataType(), to - from, x.columns());
                b.y = Nd4j.create(y.dataType(), to - from, y.columns());
            }
            int[] rows = Arrays.copyOfRange(order, from, to);
            Nd4j.pullRows(x, b.x, 1, rows);
            Nd4j.pullRows(y, b.y, 1, rows);
            gradient(b.x, b.y, true);
            int iteration = net.getIterationCount();
            update(iteration, epoch, to - from);
            params.subi(step);
            net.applyConstraints(iteration, epoch);
            net.setIterationCount(iteration + 1);
        }
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
        Buffers b = buffers((int) x.rows());
        for (int k = 0; k < layers; k++) {
            quantize(k);
        }
        INDArray a = x;
        for (int k = 0; k < layers; k++) {
            if (train && keep[k] < 1) {
                // inverted dropout of the layer's input, as DL4J's Dropout applies it
                Nd4j.getExecutioner().exec(new BernoulliDistribution(b.mask[k], keep[k]));
                b.mask[k].divi(keep[k]);
                a = a.mul(b.mask[k], b.input[k]);
            }
            b.input[k] = a;
            Nd4j.exec(new XwPlusB(new INDArray[]{a, used[k], biasVector[k]}, b.pre[k]));
            if (k < layers - 1) {
                activate(b.pre[k], b.out[k]);
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
            b.inputTransposed(k).mmuli(d, gradW[k]);
            d.sum(gradB[k], 0);
            if (k == 0) {
                break;
            }
            INDArray back = d.mmul(usedTransposed[k], b.back[k]);
            if (train && keep[k] < 1) {
                back.muli(b.mask[k]);
            }
            activationBackprop(b.pre[k - 1], back, b.delta[k - 1]);
        }
    }

    /** The weights layer k computes with: its quantized latent weights, times BinaryConnect's H. */
    private void quantize(int k) {
        if (!quantize) {
            return;
        }
        INDArray q = used[k];
        if (quantizer.elementwise() && latent[k].dataType() == DataType.FLOAT && q.dataType() == DataType.FLOAT) {
            quantizeFloats(k);
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
     * The elementwise rule ({@link WeightMode#apply}, the export's) in one pass over the float
     * values in native memory: the four ND4J ops it replaces (copy, compare-and-set, sign, scale)
     * each cost more in call overhead than this whole pass on layers this size.
     */
    private void quantizeFloats(int k) {
        INDArray from = latent[k];
        INDArray to = used[k];
        FloatBuffer source = from.data().asNioFloat();
        FloatBuffer target = to.data().asNioFloat();
        long rows = from.rows();
        long columns = from.columns();
        long sourceAt = from.offset();
        long sourceRow = from.stride(0);
        long sourceColumn = from.stride(1);
        long targetAt = to.offset();
        long targetRow = to.stride(0);
        long targetColumn = to.stride(1);
        WeightMode mode = quantizer.mode();
        double threshold = quantizer.threshold();
        // the scale as ND4J's muli applies it to floats
        float h = (float) scale[k];
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < columns; j++) {
                float w = source.get((int) (sourceAt + i * sourceRow + j * sourceColumn));
                float q = (float) mode.apply(w, threshold);
                target.put((int) (targetAt + i * targetRow + j * targetColumn), h == 1 ? q : q * h);
            }
        }
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
