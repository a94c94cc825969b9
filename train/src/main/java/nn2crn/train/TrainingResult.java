package nn2crn.train;

import nn2crn.network.Network;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a training run: the exported binarized network (best epoch on the select split)
 * and its accuracy per split, computed with the plain-Java forward pass.
 */
public record TrainingResult(Network network, Path runDir, int bestEpoch, int epochsRun,
                             Map<String, Double> accuracy, List<EpochMetrics> metrics, double seconds) {
}
