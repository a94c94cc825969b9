package nn2crn.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.weightnoise.IWeightNoise;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BinaryConnect through DL4J's weight-noise hook: the forward pass and the backward pass both use
 * the binarized (or ternarized) weights, and DL4J writes the gradient computed with them into the
 * latent weights' gradient. That is the straight-through estimator, exactly. Biases stay real.
 * Applied in training and inference alike, so every DL4J output is the binarized network's.
 */
public class BinarizedWeights implements IWeightNoise {

    private WeightMode mode;
    private double threshold;
    private double scale;
    private double sparsity;
    private int maxFanOut;

    /** For DL4J's JSON deserialization. */
    public BinarizedWeights() {
        this(new Quantizer(WeightMode.BINARY, 0, 0, 0), 1);
    }

    /**
     * @param scale the magnitude H of the binarized weights in training (+-H); the exported network
     *              has +-1 and biases divided by the product of the scales up to their layer
     */
    public BinarizedWeights(Quantizer quantizer, double scale) {
        this.mode = quantizer.mode();
        this.threshold = quantizer.threshold();
        this.sparsity = quantizer.sparsity();
        this.maxFanOut = quantizer.maxFanOut();
        this.scale = scale;
    }

    public Quantizer quantizer() {
        return new Quantizer(mode, threshold, sparsity, maxFanOut);
    }

    public double getSparsity() {
        return sparsity;
    }

    public void setSparsity(double sparsity) {
        this.sparsity = sparsity;
    }

    public int getMaxFanOut() {
        return maxFanOut;
    }

    public void setMaxFanOut(int maxFanOut) {
        this.maxFanOut = maxFanOut;
    }

    public double getScale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = scale;
    }

    public WeightMode getMode() {
        return mode;
    }

    public void setMode(WeightMode mode) {
        this.mode = mode;
    }

    public double getThreshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public INDArray getParameter(Layer layer, String paramKey, int iteration, int epoch, boolean train,
                                 LayerWorkspaceMgr workspaceMgr) {
        INDArray param = layer.getParam(paramKey);
        if (!DefaultParamInitializer.WEIGHT_KEY.equals(paramKey)) {
            return param;
        }
        Quantizer quantizer = quantizer();
        INDArray binarized = quantizer.elementwise() ? binarize(param, mode, threshold)
                // a budget looks at the whole layer: the same rule the export applies
                : Nd4j.create(quantizer.apply(param.castTo(DataType.DOUBLE).toDoubleMatrix())).castTo(param.dataType());
        return scale == 1 ? binarized : binarized.muli(scale);
    }

    /** A new array with the mode applied elementwise; the latent array is left as it is. */
    public static INDArray binarize(INDArray latent, WeightMode mode, double threshold) {
        return switch (mode) {
            case BINARY -> latent.gte(0).castTo(latent.dataType()).muli(2).subi(1);
            case TERNARY -> Transforms.sign(latent, true)
                    .muli(Transforms.abs(latent, true).gte(threshold).castTo(latent.dataType()));
            case REAL -> latent.dup();
        };
    }

    @Override
    public IWeightNoise clone() {
        return new BinarizedWeights(quantizer(), scale);
    }
}
