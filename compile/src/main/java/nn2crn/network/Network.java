package nn2crn.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained feed-forward network as stored in {@code network.json} (format {@value #FORMAT}):
 * the contract between the trainer and the compilers.
 *
 * @param preprocessing what was applied to raw features before the first layer (free-form, for
 *                      the record and for reapplying it)
 * @param inputRange    range of each preprocessed feature over the dataset, or null if unknown
 */
public record Network(String name, int inputs, List<String> inputNames, List<String> classes,
                      Map<String, Object> preprocessing, InputRange inputRange, List<Layer> layers) {

    public static final String FORMAT = "nn2crn.network/1";

    public Network {
        inputNames = List.copyOf(inputNames);
        classes = List.copyOf(classes);
        preprocessing = Collections.unmodifiableMap(new LinkedHashMap<>(preprocessing));
        layers = List.copyOf(layers);
        if (inputRange != null && inputRange.features() != inputs) {
            throw new IllegalArgumentException("input range has " + inputRange.features() + " features, network " + inputs);
        }
    }

    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }
}
