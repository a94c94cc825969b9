package nn2crn.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One row of {@code metrics.csv}.
 *
 * @param flipRatio per layer, the share of binarized weights whose value changed this epoch
 */
public record EpochMetrics(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("loss") double loss,
        @JsonProperty("train_accuracy") double trainAccuracy,
        @JsonProperty("select_accuracy") double selectAccuracy,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("flip_ratio") List<Double> flipRatio,
        @JsonProperty("seconds") double seconds) {
}
