package nn2crn.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fisher's Iris data (150 examples, 4 features, 3 classes), shipped with this module as
 * {@code iris.dat} (the copy inside DL4J's deeplearning4j-core jar: four measurements in cm and a
 * class index per line), read through the same table path as any CSV dataset ({@link Tabular}) with
 * a fixed recipe. The paper trains and evaluates on all 150 ({@code all}); a seeded stratified
 * {@code train}/{@code test} split is offered too.
 */
public final class Iris {

    public static final String VARIANT_STANDARDIZED = "standardized";
    public static final String VARIANT_RAW = "raw";
    public static final List<String> FEATURE_NAMES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    public static final List<String> CLASS_NAMES = List.of("setosa", "versicolor", "virginica");
    /** Share of each class held out for the stratified test split. */
    public static final double TEST_FRACTION = 0.2;

    private static final String RESOURCE = "iris.dat";
    private static final String LABEL = "class";

    private Iris() {
    }

    public static Dataset load(String variant, long splitSeed) {
        if (!VARIANT_STANDARDIZED.equals(variant) && !VARIANT_RAW.equals(variant)) {
            throw new DataException("unknown iris variant '" + variant + "' (known: "
                    + VARIANT_STANDARDIZED + ", " + VARIANT_RAW + ")");
        }
        List<String> columns = new ArrayList<>(FEATURE_NAMES);
        columns.add(LABEL);
        CsvTable table;
        try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            table = CsvTable.read(in, RESOURCE, columns);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCE, e);
        }
        TableRecipe recipe = new TableRecipe(LABEL, FEATURE_NAMES, List.of("0", "1", "2"), CLASS_NAMES,
                new TableRecipe.Fractions(0, TEST_FRACTION, splitSeed, true),
                VARIANT_STANDARDIZED.equals(variant) ? Tabular.ALL : null, false);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("split", "train/test stratified, test fraction " + TEST_FRACTION + ", seed " + splitSeed);
        preprocessing.put("split_seed", splitSeed);
        return Tabular.build("iris", variant, table, recipe, preprocessing);
    }
}
