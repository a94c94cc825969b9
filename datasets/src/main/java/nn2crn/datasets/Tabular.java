package nn2crn.datasets;

import org.datavec.api.transform.TransformProcess;
import org.datavec.api.transform.schema.Schema;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link CsvTable} into a {@link Dataset} by a {@link TableRecipe}: every cell is checked
 * first (a non-number names its line and column), the columns are typed by a DataVec
 * {@link Schema} and selected and encoded by a {@link TransformProcess} (features as doubles, the
 * label as a categorical turned into its class index), the rows are split, and the features are
 * standardized by ND4J's {@link NormalizerStandardize} fitted on one split and applied to all.
 */
public final class Tabular {

    /** Cell texts that mean "no value". */
    public static final Set<String> MISSING = Set.of("", "NA", "NaN", "nan", "N/A", "?", "null");
    public static final String ALL = "all";

    private Tabular() {
    }

    /**
     * @param preprocessing entries the dataset's preprocessing record starts with (its source, say)
     */
    public static Dataset build(String name, String variant, CsvTable table, TableRecipe recipe,
                                Map<String, Object> preprocessing) {
        checkHeader(table);
        int labelColumn = table.column(recipe.label(), "label");
        int splitColumn = recipe.split() instanceof TableRecipe.ByColumn by ? table.column(by.column(), "split") : -1;
        Map<String, String> leftOut = new java.util.LinkedHashMap<>();
        List<String> features = featureColumns(table, recipe, labelColumn, splitColumn, leftOut);

        // every cell checked before anything is built, so a bad file gets one line naming the cell
        List<Integer> kept = new ArrayList<>();
        int dropped = 0;
        List<Integer> featureIndex = features.stream().map(f -> table.header().indexOf(f)).toList();
        for (int r = 0; r < table.rows().size(); r++) {
            boolean missing = isMissing(table.cell(r, labelColumn)) || (splitColumn >= 0 && isMissing(table.cell(r, splitColumn)));
            for (int f : featureIndex) {
                String cell = table.cell(r, f);
                if (isMissing(cell)) {
                    missing = true;
                } else {
                    number(table, r, f);
                }
            }
            if (missing && !recipe.dropMissing()) {
                throw new DataException(table.source() + ": line " + table.lines()[r] + ": " + missingColumns(table, r,
                        labelColumn, splitColumn, featureIndex) + " (set dataset.missing: drop to leave such rows out)");
            }
            if (missing) {
                dropped++;
            } else {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw new DataException(table.source() + ": every row has a missing value");
        }
        List<String> classValues = classValues(table, recipe, labelColumn, kept);

        // DataVec: type the columns, keep the features and the label, encode the label
        Schema.Builder schema = new Schema.Builder();
        for (String column : table.header()) {
            if (features.contains(column)) {
                schema.addColumnDouble(column);
            } else {
                schema.addColumnString(column);
            }
        }
        List<String> keep = new ArrayList<>(features);
        keep.add(recipe.label());
        TransformProcess process = new TransformProcess.Builder(schema.build())
                .removeAllColumnsExceptFor(keep)
                .stringToCategorical(recipe.label(), classValues)
                .categoricalToInteger(recipe.label())
                .build();
        Schema out = process.getFinalSchema();
        int[] featureOut = features.stream().mapToInt(out::getIndexOfColumn).toArray();
        int labelOut = out.getIndexOfColumn(recipe.label());
        double[][] x = new double[kept.size()][];
        int[] y = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            int r = kept.get(k);
            List<Writable> record = new ArrayList<>(table.header().size());
            for (int c = 0; c < table.header().size(); c++) {
                record.add(features.contains(table.header().get(c)) ? new DoubleWritable(number(table, r, c))
                        : new Text(table.cell(r, c)));
            }
            List<Writable> encoded = process.execute(record);
            x[k] = new double[features.size()];
            for (int f = 0; f < featureOut.length; f++) {
                x[k][f] = encoded.get(featureOut[f]).toDouble();
            }
            y[k] = encoded.get(labelOut).toInt();
        }

        Map<String, int[]> rows = splitRows(table, recipe, y, classValues, kept, splitColumn);
        Map<String, Object> record = new LinkedHashMap<>(preprocessing);
        if (dropped > 0) {
            record.put("rows_dropped_for_missing_values", dropped);
        }
        if (!leftOut.isEmpty()) {
            record.put("columns_left_out", leftOut);
        }
        if (recipe.standardizeOn() != null) {
            int[] fitRows = rows.get(recipe.standardizeOn());
            if (fitRows == null) {
                throw new DataException(table.source() + ": cannot standardize on split '" + recipe.standardizeOn()
                        + "' (splits: " + String.join(", ", rows.keySet()) + ")");
            }
            x = standardize(x, fitRows, recipe.standardizeOn(), record);
        }
        Split everything = new Split(ALL, x, y);
        Map<String, Split> splits = new LinkedHashMap<>();
        rows.forEach((splitName, indices) -> splits.put(splitName, splitName.equals(ALL) ? everything
                : everything.select(splitName, indices)));
        List<String> classNames = recipe.classNames() != null ? recipe.classNames() : classValues;
        return new Dataset(name, variant, features, classNames, splits, record);
    }

    private static void checkHeader(CsvTable table) {
        Set<String> seen = new HashSet<>();
        for (String column : table.header()) {
            if (column.isEmpty()) {
                throw new DataException(table.source() + ": the header has an empty column name");
            }
            if (!seen.add(column)) {
                throw new DataException(table.source() + ": column '" + column + "' appears twice in the header");
            }
        }
    }

    /**
     * @param notes gets, for an inferred feature list, each column left out and why
     */
    private static List<String> featureColumns(CsvTable table, TableRecipe recipe, int labelColumn, int splitColumn,
                                               Map<String, String> notes) {
        if (recipe.features() != null) {
            Set<String> seen = new HashSet<>();
            for (String f : recipe.features()) {
                int c = table.column(f, "feature");
                if (c == labelColumn || c == splitColumn) {
                    throw new DataException(table.source() + ": column '" + f + "' cannot be both a feature and the "
                            + (c == labelColumn ? "label" : "split column"));
                }
                if (!seen.add(f)) {
                    throw new DataException(table.source() + ": feature '" + f + "' is listed twice");
                }
            }
            return List.copyOf(recipe.features());
        }
        // inferred: the columns whose every present cell is a number; a column of text (sample names)
        // is left out and said so; one that mixes numbers with other cells ("n.d." in a qPCR export) is
        // an error, as dropping it would silently lose a measured feature
        List<String> numeric = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            if (c == labelColumn || c == splitColumn) {
                continue;
            }
            int numbers = 0;
            int firstOther = -1;
            for (int r = 0; r < table.rows().size(); r++) {
                String cell = table.cell(r, c);
                if (isMissing(cell)) {
                    continue;
                }
                if (parses(cell)) {
                    numbers++;
                } else if (firstOther < 0) {
                    firstOther = r;
                }
            }
            String column = table.header().get(c);
            if (numbers > 0 && firstOther >= 0) {
                throw new DataException(table.source() + ": line " + table.lines()[firstOther] + ": column '" + column
                        + "': '" + table.cell(firstOther, c) + "' is not a number, though " + numbers + " other cells "
                        + "of the column are (leave a missing value empty or write NA, or name the features to use in "
                        + "dataset.features)");
            }
            if (numbers > 0) {
                numeric.add(column);
            } else if (firstOther >= 0) {
                notes.put(column, "left out: not numeric ('" + table.cell(firstOther, c) + "' on line "
                        + table.lines()[firstOther] + ")");
            } else {
                notes.put(column, "left out: every cell is missing");
            }
        }
        if (numeric.isEmpty()) {
            throw new DataException(table.source() + ": no numeric feature columns besides the label '" + recipe.label() + "'");
        }
        return numeric;
    }

    static boolean isMissing(String cell) {
        return MISSING.contains(cell);
    }

    private static boolean parses(String cell) {
        try {
            return Double.isFinite(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(CsvTable table, int row, int column) {
        String cell = table.cell(row, column);
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(table.source() + ": line " + table.lines()[row] + ", column '"
                    + table.header().get(column) + "': '" + cell + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataException(table.source() + ": line " + table.lines()[row] + ", column '"
                    + table.header().get(column) + "': '" + cell + "' is not a finite number");
        }
        return v;
    }

    private static String missingColumns(CsvTable table, int row, int labelColumn, int splitColumn, List<Integer> features) {
        List<String> names = new ArrayList<>();
        for (int c : features) {
            if (isMissing(table.cell(row, c))) {
                names.add("'" + table.header().get(c) + "'");
            }
        }
        if (isMissing(table.cell(row, labelColumn))) {
            names.add("label '" + table.header().get(labelColumn) + "'");
        }
        if (splitColumn >= 0 && isMissing(table.cell(row, splitColumn))) {
            names.add("split '" + table.header().get(splitColumn) + "'");
        }
        return "missing value in column " + String.join(", ", names);
    }

    private static List<String> classValues(CsvTable table, TableRecipe recipe, int labelColumn, List<Integer> kept) {
        Set<String> found = new LinkedHashSet<>();
        for (int r : kept) {
            String value = table.cell(r, labelColumn);
            if (recipe.classes() != null && !recipe.classes().contains(value)) {
                throw new DataException(table.source() + ": line " + table.lines()[r] + ": label '" + value
                        + "' is not one of " + String.join(", ", recipe.classes()));
            }
            found.add(value);
        }
        if (recipe.classes() != null) {
            return recipe.classes();
        }
        List<String> values = new ArrayList<>(found);
        if (values.stream().allMatch(v -> v.matches("-?\\d{1,9}"))) {
            values.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        } else {
            Collections.sort(values);
        }
        if (values.size() < 2) {
            throw new DataException(table.source() + ": the label column '" + recipe.label() + "' has "
                    + values.size() + " class (" + String.join(", ", values) + "); a classifier needs two or more");
        }
        return values;
    }

    /** Row indices per split (indices into the kept rows), the all split included. */
    private static Map<String, int[]> splitRows(CsvTable table, TableRecipe recipe, int[] labels, List<String> classes,
                                                List<Integer> kept, int splitColumn) {
        int n = labels.length;
        if (recipe.split() instanceof TableRecipe.Fixed fixed) {
            Map<String, int[]> out = new LinkedHashMap<>(fixed.rows());
            out.putIfAbsent(ALL, range(n));
            return out;
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put(ALL, range(n));
        if (recipe.split() instanceof TableRecipe.ByColumn by) {
            Map<String, List<Integer>> byName = new TreeMap<>();
            for (int k = 0; k < n; k++) {
                String name = table.cell(kept.get(k), splitColumn);
                if (name.equals(ALL)) {
                    throw new DataException(table.source() + ": line " + table.lines()[kept.get(k)] + ": split column '"
                            + by.column() + "' names the split 'all', which is every row; use another name");
                }
                byName.computeIfAbsent(name, s -> new ArrayList<>()).add(k);
            }
            for (String name : List.of("train", "valid", "test")) {
                List<Integer> rows = byName.remove(name);
                if (rows != null) {
                    out.put(name, sorted(rows));
                }
            }
            byName.forEach((name, rows) -> out.put(name, sorted(rows)));
            return out;
        }
        TableRecipe.Fractions f = (TableRecipe.Fractions) recipe.split();
        List<Integer> train = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        Random random = new Random(f.seed());
        if (f.stratified()) {
            for (int c = 0; c < classes.size(); c++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (labels[i] == c) {
                        members.add(i);
                    }
                }
                int testCount = share(members.size(), f.test());
                int validCount = share(members.size(), f.valid());
                if (members.size() - testCount - validCount < 1) {
                    int needed = 1 + (f.test() > 0 ? 1 : 0) + (f.valid() > 0 ? 1 : 0);
                    throw new DataException(table.source() + ": class '" + classes.get(c) + "' has " + members.size()
                            + " row" + (members.size() == 1 ? "" : "s") + ", too few for a stratified split (each split"
                            + " needs one of every class: at least " + needed + ")");
                }
                Collections.shuffle(members, random);
                test.addAll(members.subList(0, testCount));
                valid.addAll(members.subList(testCount, testCount + validCount));
                train.addAll(members.subList(testCount + validCount, members.size()));
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            Collections.shuffle(all, random);
            int testCount = (int) Math.round(n * f.test());
            int validCount = (int) Math.round(n * f.valid());
            test.addAll(all.subList(0, testCount));
            valid.addAll(all.subList(testCount, testCount + validCount));
            train.addAll(all.subList(testCount + validCount, n));
        }
        out.put("train", sorted(train));
        if (f.valid() > 0) {
            out.put("valid", sorted(valid));
        }
        if (f.test() > 0) {
            out.put("test", sorted(test));
        }
        return out;
    }

    /** A split's rows of a class: its share, rounded, and at least one when the share is positive. */
    private static int share(int members, double fraction) {
        return fraction > 0 ? Math.max(1, (int) Math.round(members * fraction)) : 0;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** ND4J's standardizer fitted on one split's rows and applied to every row; its constants go on record. */
    private static double[][] standardize(double[][] x, int[] fitRows, String fitSplit, Map<String, Object> record) {
        double[][] fit = new double[fitRows.length][];
        for (int k = 0; k < fitRows.length; k++) {
            fit[k] = x[fitRows[k]];
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.create(fit), Nd4j.zeros(fit.length, 1)));
        INDArray all = Nd4j.create(x);
        normalizer.transform(all);
        record.put("standardize", "x' = (x - mean) / std, population std, fitted on the " + fitSplit + " split");
        record.put("mean", toList(normalizer.getMean().toDoubleVector()));
        record.put("std", toList(normalizer.getStd().toDoubleVector()));
        return all.toDoubleMatrix();
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
