package nn2crn.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a table becomes a dataset: which column is the label, which are features, how the rows are
 * split, what is standardized and what a missing cell means. The shipped datasets (Iris, virus)
 * are a file each plus a fixed recipe; a {@code csv} dataset's recipe comes from its config.
 *
 * @param label         the label column
 * @param features      feature columns in order (null: every numeric column but the label and split columns)
 * @param classes       the label values in class-index order (null: the values found, sorted,
 *                      numerically when all are integers)
 * @param classNames    a display name per class (null: the label values)
 * @param split         how the rows are split
 * @param standardizeOn the split the standardization is fitted on (null: none)
 * @param dropMissing   rows with a missing cell are dropped (otherwise a missing cell is an error)
 */
public record TableRecipe(String label, List<String> features, List<String> classes, List<String> classNames,
                          SplitRule split, String standardizeOn, boolean dropMissing) {

    /** How rows are assigned to splits; an {@code all} split of every row is always added. */
    public sealed interface SplitRule {
    }

    /**
     * A seeded random split by shares: within each class when stratified (each split then holds at
     * least one row of every class), otherwise over all rows. Test rows are drawn first, then
     * validation rows; the rest train.
     */
    public record Fractions(double valid, double test, long seed, boolean stratified) implements SplitRule {
    }

    /** A column whose value names each row's split. */
    public record ByColumn(String column) implements SplitRule {
    }

    /** Fixed row indices per split (the virus data's published permutation). */
    public record Fixed(Map<String, int[]> rows) implements SplitRule {
        public Fixed {
            rows = new LinkedHashMap<>(rows);
        }
    }
}
