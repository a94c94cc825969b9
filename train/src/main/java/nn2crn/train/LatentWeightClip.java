package nn2crn.train;

import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        // two in-place scalar ops: measured 6x faster than the one clipbyvalue custom op (21-27 us
        // against 140-153 us on 256 x 256 floats), whose per-call set-up outweighs the work
        Transforms.min(param, 1.0, false);
        Transforms.max(param, -1.0, false);
    }

    @Override
    public LatentWeightClip clone() {
        return new LatentWeightClip();
    }
}
