package nn2crn.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Respiratory-virus gene expression (GEO GSE73072) as the ICML 2020 paper's authors built it
 * ({@code src/crn/virus.py}): keep the samples of infected subjects taken between infection onset
 * and offset, 10 probe sets as features, 4 classes in alphabetical order, standardization over all
 * kept examples, then the authors' fixed permutation split 558 / 34 / 104 (two positions unused).
 * The files are read with DataVec ({@link CsvTable}) and the examples go through the same table path
 * as any CSV dataset ({@link Tabular}) with this fixed recipe.
 */
public final class Virus {

    public static final String VARIANT_STANDARDIZED = "standardized";
    public static final String VARIANT_RAW = "raw";

    static final int TRAIN_SIZE = 558;
    static final int VALID_SIZE = 34;

    private static final Pattern TITLE = Pattern.compile("^(\\S+) (.+?) Subject (\\d+), Hour (-?\\d+(?:\\.\\d+)?)$");
    private static final String PERMUTATION_RESOURCE = "virus-split-permutation.txt";
    private static final String LABEL = "virus";

    /** Infection window of one subject; uninfected subjects have none. */
    private record Subject(boolean infected, double onset, double offset) {
        boolean sampledDuringInfection(double hour) {
            return infected && onset <= hour && hour < offset;
        }
    }

    private Virus() {
    }

    public static Dataset load(DataStore store, String variant) {
        if (!VARIANT_STANDARDIZED.equals(variant) && !VARIANT_RAW.equals(variant)) {
            throw new DataException("unknown virus variant '" + variant + "' (known: "
                    + VARIANT_STANDARDIZED + ", " + VARIANT_RAW + ")");
        }
        Map<String, Subject> subjects = new HashMap<>();
        for (DataFile table : DataCatalog.VIRUS_SUBJECT_TABLES) {
            readSubjects(store.require(table), studyOf(table), subjects);
        }
        Map<String, Boolean> keepSample = readSampleSelection(store.require(DataCatalog.VIRUS_SAMPLES), subjects);
        Path expression = store.require(DataCatalog.VIRUS_EXPRESSION);
        CsvTable examples = keptExamples(CsvTable.read(expression), keepSample);
        List<String> classes = new ArrayList<>(new TreeSet<>(examples.rows().stream()
                .map(row -> row.get(row.size() - 1)).toList()));
        int n = examples.rows().size();
        int[] permutation = readPermutation(n);
        Map<String, int[]> splits = new LinkedHashMap<>();
        // The authors' slicing skips one permutation position after train and one after valid.
        splits.put("train", slice(permutation, 0, TRAIN_SIZE));
        splits.put("valid", slice(permutation, TRAIN_SIZE + 1, TRAIN_SIZE + 1 + VALID_SIZE));
        splits.put("test", slice(permutation, TRAIN_SIZE + VALID_SIZE + 2, n));
        TableRecipe recipe = new TableRecipe(LABEL, examples.header().subList(0, examples.header().size() - 1), classes,
                classes.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(), new TableRecipe.Fixed(splits),
                VARIANT_STANDARDIZED.equals(variant) ? Tabular.ALL : null, false);
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("selection", "samples of infected subjects with onset <= hour < offset");
        return Tabular.build("virus", variant, examples, recipe, preprocessing);
    }

    private static String studyOf(DataFile table) {
        String name = table.fileName();
        return name.substring(name.lastIndexOf('_') + 1, name.length() - ".csv".length());
    }

    private static void readSubjects(Path file, String study, Map<String, Subject> subjects) {
        CsvTable table = CsvTable.read(file);
        if (table.header().size() < 6) {
            throw new DataException(file + ": expected 6 columns, found " + table.header().size());
        }
        for (int r = 0; r < table.rows().size(); r++) {
            boolean infected = parseNumber(table, r, 3) == 1;
            double onset = infected ? parseNumber(table, r, 4) : 0;
            double offset = infected ? parseNumber(table, r, 5) : 0;
            subjects.put(study + "#" + table.cell(r, 0), new Subject(infected, onset, offset));
        }
    }

    /** Sample accession -> whether the authors keep it. */
    private static Map<String, Boolean> readSampleSelection(Path file, Map<String, Subject> subjects) {
        CsvTable table = CsvTable.read(file);
        int titleColumn = table.column("Title", "title");
        int accessionColumn = table.column("Accession", "accession");
        Map<String, Boolean> keep = new HashMap<>();
        for (int r = 0; r < table.rows().size(); r++) {
            String title = table.cell(r, titleColumn);
            Matcher m = TITLE.matcher(title);
            if (!m.matches()) {
                throw new DataException(file + ": line " + table.lines()[r]
                        + ": title '" + title + "' is not '<VIRUS> <STUDY> Subject <n>, Hour <h>'");
            }
            String key = m.group(2).replace(" ", "") + "#" + m.group(3);
            Subject subject = subjects.get(key);
            if (subject == null) {
                throw new DataException(file + ": line " + table.lines()[r] + ": subject " + key + " is in no subject table");
            }
            keep.put(table.cell(r, accessionColumn), subject.sampledDuringInfection(Double.parseDouble(m.group(4))));
        }
        return keep;
    }

    /**
     * The expression file is probe by sample (a header of sample ids, one row per probe, a last row of
     * labels); the examples are its kept samples, one row each: the probes' values, then the label.
     */
    private static CsvTable keptExamples(CsvTable expression, Map<String, Boolean> keepSample) {
        List<List<String>> rows = expression.rows();
        if (rows.size() < 2) {
            throw new DataException(expression.source() + ": expected a header, probe rows and a label row; found "
                    + (rows.size() + 1) + " lines");
        }
        List<String> header = new ArrayList<>();
        for (int r = 0; r < rows.size() - 1; r++) {
            header.add(rows.get(r).get(0));
        }
        header.add(LABEL);
        List<List<String>> examples = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int c = 1; c < expression.header().size(); c++) {
            String sample = expression.header().get(c);
            Boolean keep = keepSample.get(sample);
            if (keep == null) {
                throw new DataException(expression.source() + ": sample " + sample + " is not in "
                        + DataCatalog.VIRUS_SAMPLES.fileName());
            }
            if (keep) {
                List<String> example = new ArrayList<>(header.size());
                for (List<String> row : rows.subList(0, rows.size() - 1)) {
                    example.add(row.get(c));
                }
                example.add(rows.get(rows.size() - 1).get(c).toLowerCase(Locale.ROOT));
                examples.add(example);
                lines.add(c + 1); // a sample is a column of the file: messages name it by its column
            }
        }
        return new CsvTable(expression.source() + " (transposed: a line here is a column there)", header, examples,
                lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The authors' fixed permutation of the 698 examples, shipped with this module. */
    static int[] readPermutation(int n) {
        List<Integer> indices = new ArrayList<>();
        try (InputStream in = Virus.class.getResourceAsStream(PERMUTATION_RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    indices.add(Integer.parseInt(line.trim()));
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("resource " + PERMUTATION_RESOURCE + " is missing from the build", e);
        }
        if (indices.size() != n || !new TreeSet<>(indices).equals(rangeSet(n))) {
            throw new DataException("the virus split permutation covers " + indices.size()
                    + " examples but the data has " + n + " after filtering: the data files do not match the paper's");
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private static TreeSet<Integer> rangeSet(int n) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            set.add(i);
        }
        return set;
    }

    private static int[] slice(int[] permutation, int from, int to) {
        int[] out = new int[to - from];
        System.arraycopy(permutation, from, out, 0, out.length);
        return out;
    }

    private static double parseNumber(CsvTable table, int row, int column) {
        String text = table.cell(row, column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataException(table.source() + ": line " + table.lines()[row] + ": '" + text + "' is not a number");
        }
    }
}
