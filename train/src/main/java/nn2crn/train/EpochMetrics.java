package nn2crn.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One row of {@code metrics.csv}.
 *
 * @param flipRatio    per layer, the share of binarized weights whose value changed this epoch
 * @param trainSeconds the training loop alone (the passes over the batches)
 * @param seconds      the whole epoch: training loop, evaluation on the train and select splits,
 *                     export and checkpoint
 */
public record EpochMetrics(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("loss") double loss,
        @JsonProperty("train_accuracy") double trainAccuracy,
        @JsonProperty("select_accuracy") double selectAccuracy,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("flip_ratio") List<Double> flipRatio,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("seconds") double seconds) {
}
