package nn2crn.train;

import nn2crn.network.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The smoothed ReLU s_eps(z) = (z + sqrt(z^2 + 4 eps)) / 2 (Anderson, Joshi, Deshpande 2021): the
 * positive fixed point of the mass-action ODE dy/dt = eps + z y - y^2, so a one-species-per-neuron
 * CRN computes it. Derivative (1 + z / sqrt(z^2 + 4 eps)) / 2.
 */
public class SmoothReluActivation extends BaseActivationFunction {

    private double eps;

    /** For DL4J's JSON deserialization. */
    public SmoothReluActivation() {
        this(0.01);
    }

    public SmoothReluActivation(double eps) {
        this.eps = eps;
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray root = root(in);
        return in.addi(root).divi(2);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray root = root(in);
        INDArray derivative = in.div(root).addi(1).divi(2);
        return new Pair<>(epsilon.muli(derivative), null);
    }

    private INDArray root(INDArray z) {
        return Transforms.sqrt(z.mul(z).addi(4 * eps), false);
    }

    @Override
    public String toString() {
        return Activation.SMOOTH_RELU.jsonName + "(eps=" + eps + ")";
    }
}
