package nn2crn.datasets;

import nn2crn.io.Sha256;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's own dataset: a CSV file with a header line, a label column and numeric feature columns
 * (the {@code csv} dataset of a config). It is read through the same table path as the shipped
 * datasets ({@link Tabular}); its description goes into the dataset's preprocessing record (and so
 * into {@code network.json} and the CRN manifest), from which it can be loaded again.
 *
 * @param path          the CSV file (absolute)
 * @param features      feature columns (null: every numeric column but the label and split columns)
 * @param split         shares of a seeded (stratified) split, or a column naming each row's split
 * @param standardizeOn the split whose mean and std standardize every split (null: none)
 * @param dropMissing   leave out rows with a missing cell (else such a row is an error)
 */
public record CsvSpec(Path path, String label, List<String> features, TableRecipe.SplitRule split,
                      String standardizeOn, boolean dropMissing) {

    public static final String NAME = "csv";
    public static final String VARIANT = "csv";
    private static final String SOURCE_KEY = "source";

    public CsvSpec {
        features = features == null ? null : List.copyOf(features);
    }

    public Dataset load() {
        CsvTable table = CsvTable.read(path);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put(SOURCE_KEY, describe());
        return Tabular.build(NAME, VARIANT, table, new TableRecipe(label, features, null, null, split, standardizeOn,
                dropMissing), preprocessing);
    }

    /** What the dataset's preprocessing record keeps: enough to load it again, and the file's checksum. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path.toString());
        m.put("sha256", Sha256.of(path));
        m.put("label", label);
        if (features != null) {
            m.put("features", features);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        if (split instanceof TableRecipe.ByColumn by) {
            s.put("column", by.column());
        } else if (split instanceof TableRecipe.Fractions f) {
            s.put("train", 1 - f.valid() - f.test());
            s.put("valid", f.valid());
            s.put("test", f.test());
            s.put("seed", f.seed());
            s.put("stratified", f.stratified());
        }
        m.put("split", s);
        m.put("standardize", standardizeOn == null ? "none" : standardizeOn);
        m.put("missing", dropMissing ? "drop" : "error");
        return m;
    }

    /** The spec a dataset's preprocessing record describes (as {@link #describe} wrote it), or null. */
    public static CsvSpec fromPreprocessing(Map<String, Object> preprocessing) {
        if (!(preprocessing.get(SOURCE_KEY) instanceof Map<?, ?> m) || !(m.get("path") instanceof String path)
                || !(m.get("label") instanceof String label) || !(m.get("split") instanceof Map<?, ?> s)) {
            return null;
        }
        List<String> features = null;
        if (m.get("features") instanceof List<?> list) {
            features = new ArrayList<>();
            for (Object f : list) {
                features.add(String.valueOf(f));
            }
        }
        TableRecipe.SplitRule split = s.get("column") instanceof String column ? new TableRecipe.ByColumn(column)
                : new TableRecipe.Fractions(number(s.get("valid")), number(s.get("test")), (long) number(s.get("seed")),
                !Boolean.FALSE.equals(s.get("stratified")));
        Object standardize = m.get("standardize");
        return new CsvSpec(Path.of(path), label, features, split,
                standardize == null || "none".equals(standardize) ? null : standardize.toString(),
                "drop".equals(m.get("missing")));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
