package nn2crn.datasets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's CSV through DataVec: schema, splits, standardization and the errors users meet. */
class TabularTest {

    @TempDir
    Path dir;

    /** Three classes with string labels, a text column that is not a feature, one missing value (row 5). */
    private Path panel() throws IOException {
        StringBuilder csv = new StringBuilder("sample,g1,g2,note,virus_type\n");
        String[] classes = {"flu", "rsv", "hrv"};
        for (int i = 0; i < 30; i++) {
            String g2 = i == 5 ? "" : Double.toString(0.5 * i);
            csv.append("s").append(i).append(',').append(i).append(',').append(g2).append(",\"a, b\",")
                    .append(classes[i % 3]).append('\n');
        }
        Path file = dir.resolve("panel.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    private static CsvSpec spec(Path file, TableRecipe.SplitRule split, String standardize, boolean drop) {
        return new CsvSpec(file, "virus_type", null, split, standardize, drop);
    }

    private String error(CsvSpec spec) {
        return assertThrows(DataException.class, spec::load).getMessage();
    }

    @Test
    void schemaSplitsAndStandardizationOfAUsersPanel() throws IOException {
        Path file = panel();
        Dataset d = spec(file, new TableRecipe.Fractions(0.2, 0.2, 42, true), "train", true).load();
        // features inferred: the numeric columns (sample and note are text), in file order
        assertEquals(List.of("g1", "g2"), d.featureNames());
        assertEquals(List.of("flu", "hrv", "rsv"), d.classNames(), "string labels in sorted order");
        assertEquals(29, d.split("all").size(), "the row with a missing value was dropped");
        assertEquals(1, d.preprocessing().get("rows_dropped_for_missing_values"));
        // stratified: 2 of each class to test and to valid (round(10 x 0.2), 9 x 0.2 -> 2), the rest train
        assertArrayEquals(new int[]{2, 2, 2}, d.split("test").classCounts(3));
        assertArrayEquals(new int[]{2, 2, 2}, d.split("valid").classCounts(3));
        assertArrayEquals(new int[]{6, 5, 6}, d.split("train").classCounts(3));
        assertEquals(List.of("all", "train", "valid", "test"), List.copyOf(d.splits().keySet()));

        // the fitted constants are those of the raw train rows, by hand (population std)
        Dataset raw = spec(file, new TableRecipe.Fractions(0.2, 0.2, 42, true), null, true).load();
        double[][] train = raw.split("train").features();
        @SuppressWarnings("unchecked")
        List<Double> mean = (List<Double>) d.preprocessing().get("mean");
        @SuppressWarnings("unchecked")
        List<Double> std = (List<Double>) d.preprocessing().get("std");
        for (int j = 0; j < 2; j++) {
            int col = j;
            double m = Arrays.stream(train).mapToDouble(r -> r[col]).average().orElseThrow();
            double s = Math.sqrt(Arrays.stream(train).mapToDouble(r -> (r[col] - m) * (r[col] - m)).sum() / train.length);
            assertEquals(m, mean.get(j), 1e-12);
            assertEquals(s, std.get(j), 1e-12);
            assertEquals((raw.split("test").features()[0][j] - m) / s, d.split("test").features()[0][j], 1e-12,
                    "applied to the other splits with the train split's constants");
        }
        assertNull(raw.preprocessing().get("mean"), "standardize: none");
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) d.preprocessing().get("source");
        assertEquals(file.toString(), source.get("path"));
        assertEquals(64, source.get("sha256").toString().length());
        // the record loads the same dataset again
        Dataset again = CsvSpec.fromPreprocessing(d.preprocessing()).load();
        assertArrayEquals(d.split("test").features(), again.split("test").features());

        // a seeded split: the same seed the same rows, another seed others
        Dataset other = spec(file, new TableRecipe.Fractions(0.2, 0.2, 43, true), "train", true).load();
        assertTrue(!Arrays.equals(d.split("test").labels(), other.split("test").labels())
                || !Arrays.deepEquals(raw.split("test").features(), spec(file, new TableRecipe.Fractions(0.2, 0.2, 43,
                true), null, true).load().split("test").features()));
    }

    @Test
    void givenFeaturesAndASplitColumn() throws IOException {
        Path file = dir.resolve("folds.csv");
        Files.writeString(file, "a,b,fold,label\n1,2,train,0\n2,3,train,1\n3,4,test,0\n4,5,test,1\n5,6,valid,1\n6,7,train,0\n");
        Dataset d = new CsvSpec(file, "label", List.of("b"), new TableRecipe.ByColumn("fold"), "train", false).load();
        assertEquals(List.of("b"), d.featureNames());
        assertEquals(List.of("0", "1"), d.classNames(), "integer labels in numeric order");
        assertEquals(3, d.split("train").size());
        assertEquals(2, d.split("test").size());
        assertEquals(1, d.split("valid").size());
    }

    @Test
    void badFilesGetOneLineNamingTheProblem() throws IOException {
        Path file = panel();
        TableRecipe.Fractions split = new TableRecipe.Fractions(0.1, 0.2, 42, true);
        assertTrue(error(new CsvSpec(file, "kind", null, split, "train", true))
                .endsWith("panel.csv: no label column 'kind' (columns: sample, g1, g2, note, virus_type)"));
        assertTrue(error(spec(file, split, "train", false)).endsWith(
                "panel.csv: line 7: missing value in column 'g2' (set dataset.missing: drop to leave such rows out)"));
        String notANumber = error(new CsvSpec(file, "virus_type", List.of("g1", "note"), split, "train", true));
        assertTrue(notANumber.endsWith("panel.csv: line 2, column 'note': 'a, b' is not a number"), notANumber);

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertTrue(error(spec(empty, split, "train", false)).contains("empty.csv: the file is empty"));
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "g1,virus_type\n");
        assertTrue(error(spec(headerOnly, split, "train", false)).contains("no rows below the header"));

        Path few = dir.resolve("few.csv");
        Files.writeString(few, "g1,virus_type\n1,a\n2,a\n3,a\n4,b\n5,b\n");
        String tooFew = error(spec(few, split, "train", false));
        assertTrue(tooFew.endsWith("few.csv: class 'b' has 2 rows, too few for a stratified split (each split needs one "
                + "of every class: at least 3)"), tooFew);

        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "g1,virus_type\n1,a\n2\n");
        assertTrue(error(spec(ragged, split, "train", false)).endsWith("ragged.csv: line 3: expected 2 columns, found 1"));
        Path oneClass = dir.resolve("one.csv");
        Files.writeString(oneClass, "g1,virus_type\n1,a\n2,a\n");
        assertTrue(error(spec(oneClass, split, "train", false)).contains("a classifier needs two or more"));
        assertTrue(error(spec(dir.resolve("nowhere.csv"), split, "train", false)).endsWith("nowhere.csv: no such file"));
    }

    /**
     * Inferred features: a text column is left out and said so; a column of numbers with one "n.d."
     * (a qPCR export) is an error naming the line and the cell, never dropped in silence.
     */
    @Test
    void inferredFeaturesNeverDropAMeasuredColumnSilently() throws IOException {
        TableRecipe.Fractions split = new TableRecipe.Fractions(0.2, 0.2, 42, true);
        Dataset d = spec(panel(), split, "train", true).load();
        assertEquals(List.of("g1", "g2"), d.featureNames());
        @SuppressWarnings("unchecked")
        Map<String, String> leftOut = (Map<String, String>) d.preprocessing().get("columns_left_out");
        assertEquals("left out: not numeric ('s0' on line 2)", leftOut.get("sample"));
        assertTrue(leftOut.get("note").startsWith("left out: not numeric"), leftOut.toString());

        StringBuilder qpcr = new StringBuilder("ct_a,ct_b,label\n");
        for (int i = 0; i < 12; i++) {
            qpcr.append(20 + i).append(',').append(i == 7 ? "n.d." : Integer.toString(30 - i)).append(',')
                    .append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        Path file = dir.resolve("qpcr.csv");
        Files.writeString(file, qpcr.toString());
        String message = error(new CsvSpec(file, "label", null, split, "train", true));
        assertTrue(message.endsWith("qpcr.csv: line 9: column 'ct_b': 'n.d.' is not a number, though 11 other cells of the "
                + "column are (leave a missing value empty or write NA, or name the features to use in "
                + "dataset.features)"), message);

        Path semicolons = dir.resolve("semi.csv");
        Files.writeString(semicolons, "ct_a;ct_b;label\n1;2;pos\n3;4;neg\n");
        String delimiter = error(new CsvSpec(semicolons, "label", null, split, "train", true));
        assertTrue(delimiter.contains("separated by semicolons, but nn2crn reads comma-separated files"), delimiter);
    }
}
