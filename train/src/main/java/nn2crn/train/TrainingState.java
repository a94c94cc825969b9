package nn2crn.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a run folder's checkpoint holds besides the DL4J model and the best network: enough to continue
 * a killed run exactly where the last finished epoch left it.
 */
public record TrainingState(
        @JsonProperty("config_sha256") String configSha256,
        @JsonProperty("epochs_done") int epochsDone,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("best_select_accuracy") double bestSelectAccuracy,
        @JsonProperty("best_loss") double bestLoss,
        @JsonProperty("stopped_early") boolean stoppedEarly,
        @JsonProperty("metrics") List<EpochMetrics> metrics) {
}
