package nn2crn.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, preprocessed dataset: named splits sharing one feature space and one set of classes.
 *
 * @param name          dataset name (iris, mnist, virus)
 * @param variant       the preprocessing variant that was applied
 * @param featureNames  one name per feature column
 * @param classNames    one name per class index
 * @param splits        splits by name, in a stable order
 * @param preprocessing what was applied to the raw features, enough to apply it again
 *                      (plain maps, lists, strings and numbers, ready for JSON)
 */
public record Dataset(String name, String variant, List<String> featureNames, List<String> classNames,
                      Map<String, Split> splits, Map<String, Object> preprocessing) {

    public Dataset {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        preprocessing = Collections.unmodifiableMap(new LinkedHashMap<>(preprocessing));
    }

    public int featureCount() {
        return featureNames.size();
    }

    public int classCount() {
        return classNames.size();
    }

    /** The split with this name, or a {@link DataException} listing the names there are. */
    public Split split(String splitName) {
        Split split = splits.get(splitName);
        if (split == null) {
            throw new DataException("dataset " + name + " has no split '" + splitName
                    + "' (it has: " + String.join(", ", splits.keySet()) + ")");
        }
        return split;
    }
}
