package nn2crn.datasets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 */
public final class Virus {

    public static final String VARIANT_STANDARDIZED = "standardized";
    public static final String VARIANT_RAW = "raw";

    static final int TRAIN_SIZE = 558;
    static final int VALID_SIZE = 34;

    private static final Pattern TITLE = Pattern.compile("^(\\S+) (.+?) Subject (\\d+), Hour (-?\\d+(?:\\.\\d+)?)$");
    private static final String PERMUTATION_RESOURCE = "virus-split-permutation.txt";

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
        Expression all = readExpression(expression);

        List<Integer> keptColumns = new ArrayList<>();
        for (int c = 0; c < all.sampleIds.size(); c++) {
            Boolean keep = keepSample.get(all.sampleIds.get(c));
            if (keep == null) {
                throw new DataException(expression + ": sample " + all.sampleIds.get(c)
                        + " is not in " + DataCatalog.VIRUS_SAMPLES.fileName());
            }
            if (keep) {
                keptColumns.add(c);
            }
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(all.labels));
        int n = keptColumns.size();
        double[][] x = new double[n][all.probeIds.size()];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            int column = keptColumns.get(k);
            for (int f = 0; f < all.probeIds.size(); f++) {
                x[k][f] = all.values[f][column];
            }
            y[k] = classNames.indexOf(all.labels.get(column));
        }

        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("selection", "samples of infected subjects with onset <= hour < offset");
        if (VARIANT_STANDARDIZED.equals(variant)) {
            Standardizer standardizer = Standardizer.fit(x);
            x = standardizer.apply(x);
            preprocessing.putAll(standardizer.describe());
        }
        Split everything = new Split("all", x, y);
        int[] permutation = readPermutation(n);
        Map<String, Split> splits = new LinkedHashMap<>();
        // The authors' slicing skips one permutation position after train and one after valid.
        splits.put("train", everything.select("train", slice(permutation, 0, TRAIN_SIZE)));
        splits.put("valid", everything.select("valid", slice(permutation, TRAIN_SIZE + 1, TRAIN_SIZE + 1 + VALID_SIZE)));
        splits.put("test", everything.select("test", slice(permutation, TRAIN_SIZE + VALID_SIZE + 2, n)));
        splits.put("all", everything);
        List<String> upperNames = classNames.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        return new Dataset("virus", variant, all.probeIds, upperNames, splits, preprocessing);
    }

    private static String studyOf(DataFile table) {
        String name = table.fileName();
        return name.substring(name.lastIndexOf('_') + 1, name.length() - ".csv".length());
    }

    private static void readSubjects(Path file, String study, Map<String, Subject> subjects) {
        try (CSVParser parser = parse(file, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord row : parser) {
                if (row.size() < 6) {
                    throw new DataException(file + ": line " + parser.getCurrentLineNumber()
                            + ": expected 6 columns, found " + row.size());
                }
                boolean infected = parseNumber(file, parser, row.get(3)) == 1;
                double onset = infected ? parseNumber(file, parser, row.get(4)) : 0;
                double offset = infected ? parseNumber(file, parser, row.get(5)) : 0;
                subjects.put(study + "#" + row.get(0).trim(), new Subject(infected, onset, offset));
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Sample accession -> whether the authors keep it. */
    private static Map<String, Boolean> readSampleSelection(Path file, Map<String, Subject> subjects) {
        Map<String, Boolean> keep = new HashMap<>();
        try (CSVParser parser = parse(file, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord row : parser) {
                String title = row.get("Title");
                Matcher m = TITLE.matcher(title.trim());
                if (!m.matches()) {
                    throw new DataException(file + ": line " + parser.getCurrentLineNumber()
                            + ": title '" + title + "' is not '<VIRUS> <STUDY> Subject <n>, Hour <h>'");
                }
                String key = m.group(2).replace(" ", "") + "#" + m.group(3);
                Subject subject = subjects.get(key);
                if (subject == null) {
                    throw new DataException(file + ": line " + parser.getCurrentLineNumber()
                            + ": subject " + key + " is in no subject table");
                }
                keep.put(row.get("Accession"), subject.sampledDuringInfection(Double.parseDouble(m.group(4))));
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return keep;
    }

    private record Expression(List<String> sampleIds, List<String> probeIds, double[][] values, List<String> labels) {
    }

    /** The probe-by-sample matrix: header of sample ids, one row per probe, a last row of labels. */
    private static Expression readExpression(Path file) {
        List<CSVRecord> rows;
        try (CSVParser parser = parse(file, CSVFormat.DEFAULT)) {
            rows = parser.getRecords();
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (rows.size() < 3) {
            throw new DataException(file + ": expected a header, probe rows and a label row; found "
                    + rows.size() + " lines");
        }
        CSVRecord header = rows.get(0);
        int samples = header.size() - 1;
        List<String> sampleIds = new ArrayList<>(samples);
        for (int c = 1; c <= samples; c++) {
            sampleIds.add(header.get(c));
        }
        List<String> probeIds = new ArrayList<>();
        double[][] values = new double[rows.size() - 2][samples];
        for (int r = 1; r < rows.size() - 1; r++) {
            CSVRecord row = rows.get(r);
            checkWidth(file, r + 1, row, samples);
            probeIds.add(row.get(0));
            for (int c = 1; c <= samples; c++) {
                try {
                    values[r - 1][c - 1] = Double.parseDouble(row.get(c));
                } catch (NumberFormatException e) {
                    throw new DataException(file + ": line " + (r + 1) + ", column " + (c + 1)
                            + ": '" + row.get(c) + "' is not a number");
                }
            }
        }
        CSVRecord labelRow = rows.get(rows.size() - 1);
        checkWidth(file, rows.size(), labelRow, samples);
        List<String> labels = new ArrayList<>(samples);
        for (int c = 1; c <= samples; c++) {
            labels.add(labelRow.get(c).trim().toLowerCase(Locale.ROOT));
        }
        return new Expression(sampleIds, probeIds, values, labels);
    }

    private static void checkWidth(Path file, int line, CSVRecord row, int samples) {
        if (row.size() != samples + 1) {
            throw new DataException(file + ": line " + line + ": expected " + (samples + 1)
                    + " columns, found " + row.size());
        }
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

    private static double parseNumber(Path file, CSVParser parser, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + parser.getCurrentLineNumber() + ": '" + text
                    + "' is not a number");
        }
    }

    private static CSVParser parse(Path file, CSVFormat format) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVParser.parse(reader, format);
    }
}
