package nn2crn.train;

import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;

/**
 * Clips latent weights to [-1, 1] after every update, as BinaryConnect does: beyond that range a
 * latent weight would only delay its next sign change without changing the binarized network.
 */
public class LatentWeightClip extends BaseConstraint {

    public LatentWeightClip() {
        super(Collections.singleton(DefaultParamInitializer.WEIGHT_KEY), 0, new int[0]);
    }

    @Override
    public void apply(INDArray param) {
        // one in-place op (min then max would be two)
        Nd4j.exec(DynamicCustomOp.builder("clipbyvalue").addInputs(param).callInplace(true)
                .addFloatingPointArguments(-1.0, 1.0).build());
    }

    @Override
    public LatentWeightClip clone() {
        return new LatentWeightClip();
    }
}
