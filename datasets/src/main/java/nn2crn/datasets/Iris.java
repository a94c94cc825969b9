package nn2crn.datasets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fisher's Iris data (150 examples, 4 features, 3 classes), shipped with this module as
 * {@code iris.dat} (the copy inside DL4J's deeplearning4j-core jar: four measurements in cm and a
 * class index per line). The paper trains and evaluates on all 150 ({@code all}); a seeded
 * stratified {@code train}/{@code test} split is offered too.
 */
public final class Iris {

    public static final String VARIANT_STANDARDIZED = "standardized";
    public static final String VARIANT_RAW = "raw";
    public static final List<String> FEATURE_NAMES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    public static final List<String> CLASS_NAMES = List.of("setosa", "versicolor", "virginica");
    /** Share of each class held out for the stratified test split. */
    public static final double TEST_FRACTION = 0.2;

    private static final String RESOURCE = "iris.dat";

    private Iris() {
    }

    public static Dataset load(String variant, long splitSeed) {
        if (!VARIANT_STANDARDIZED.equals(variant) && !VARIANT_RAW.equals(variant)) {
            throw new DataException("unknown iris variant '" + variant + "' (known: "
                    + VARIANT_STANDARDIZED + ", " + VARIANT_RAW + ")");
        }
        Split raw = readResource();
        double[][] x = raw.features();
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        if (VARIANT_STANDARDIZED.equals(variant)) {
            Standardizer standardizer = Standardizer.fit(x);
            x = standardizer.apply(x);
            preprocessing.putAll(standardizer.describe());
        }
        Split all = new Split("all", x, raw.labels());
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("all", all);
        int[][] trainTest = stratifiedSplit(all.labels(), CLASS_NAMES.size(), TEST_FRACTION, splitSeed);
        splits.put("train", all.select("train", trainTest[0]));
        splits.put("test", all.select("test", trainTest[1]));
        preprocessing.put("split", "train/test stratified, test fraction " + TEST_FRACTION + ", seed " + splitSeed);
        return new Dataset("iris", variant, FEATURE_NAMES, CLASS_NAMES, splits, preprocessing);
    }

    /** Row indices {train, test}: within each class a seeded shuffle, the last share to test. */
    static int[][] stratifiedSplit(int[] labels, int classCount, double testFraction, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int testCount = (int) Math.round(members.size() * testFraction);
            test.addAll(members.subList(0, testCount));
            train.addAll(members.subList(testCount, members.size()));
        }
        train.sort(null);
        test.sort(null);
        return new int[][]{train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray()};
    }

    private static Split readResource() {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.US_ASCII), CSVFormat.DEFAULT)) {
                for (CSVRecord record : parser) {
                    double[] row = new double[FEATURE_NAMES.size()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = Double.parseDouble(record.get(j));
                    }
                    rows.add(row);
                    labels.add(Integer.parseInt(record.get(FEATURE_NAMES.size()).trim()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCE, e);
        }
        return new Split("all", rows.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
