package nn2crn.dna.order;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnInput;
import nn2crn.crn.CrnManifest;
import nn2crn.crn.Term;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-sample part of a reaction: new measurements in raw feature units, through the network's
 * recorded preprocessing ({@code (raw - mean) / std} per feature, as the design's manifest holds
 * it) and the CRN's input map, to the volume of each input strand. A design folder (written by
 * {@code nn2crn dna}) has everything needed; the strands' stock is the pipetting plan's.
 *
 * @param features per feature, its name and the mean and std that standardize it (NaN: none)
 * @param samples  one entry per row of the samples file
 */
public record SampleMix(List<Feature> features, List<Sample> samples, List<String> inputStrands, double volumeUL,
                        double stockUM, double minUL) {

    /** Columns of a samples file that name a sample rather than measure it. */
    public static final Set<String> NAME_COLUMNS = Set.of("sample", "id", "name");

    public record Feature(String name, double mean, double std) {
        double standardize(double raw) {
            return Double.isNaN(mean) ? raw : (raw - mean) / std;
        }
    }

    /**
     * @param features the preprocessed features (what the network sees)
     * @param inputNM  per input strand (in {@link SampleMix#inputStrands()} order), its final concentration
     * @param steps    per input strand, its volume and dilution
     */
    public record Sample(String name, int line, double[] raw, double[] features, double[] inputNM,
                         List<PipettingPlan.Step> steps) {
        public double volumeUL() {
            return steps.stream().mapToDouble(PipettingPlan.Step::volumeUL).sum();
        }
    }

    /** Reads the design and the samples, checks every column and cell, and computes each sample's input volumes. */
    public static SampleMix of(Path designDir, Path samplesCsv, double volumeUL, double stockUM, double minUL) {
        Crn crn = CrnFiles.read(designDir);
        if (crn.implementation() == null) {
            throw new CrnException(designDir + ": not a DNA design folder (nn2crn dna writes one)");
        }
        List<Feature> features = features(designDir.resolve(CrnFiles.MANIFEST_FILE), crn);
        Map<String, Integer> index = crn.speciesIndex();
        // the input strands: the first signal of every formal species an input puts amount on
        Set<String> strands = new LinkedHashSet<>();
        for (CrnInput in : crn.inputs()) {
            for (Term t : concat(in.positive(), in.negative())) {
                strands.add(crn.carriers(t.species()).get(0));
            }
        }
        List<String> inputStrands = List.copyOf(strands);
        List<Sample> samples = new ArrayList<>();
        for (Row row : read(samplesCsv, features)) {
            double[] x = new double[features.size()];
            for (int f = 0; f < x.length; f++) {
                x[f] = features.get(f).standardize(row.raw()[f]);
            }
            double[] state = crn.initialState(x);
            double[] nm = new double[inputStrands.size()];
            List<PipettingPlan.Step> steps = new ArrayList<>();
            for (int s = 0; s < nm.length; s++) {
                // the sample's part only: a strand's fixed amount, if any, is the master mix's
                int i = index.get(inputStrands.get(s));
                nm[s] = state[i] - crn.species().get(i).initial();
                steps.add(PipettingPlan.step(inputStrands.get(s), "input strand", nm[s], stockUM, volumeUL, minUL));
            }
            samples.add(new Sample(row.name(), row.line(), row.raw(), x, nm, steps));
        }
        return new SampleMix(features, samples, inputStrands, volumeUL, stockUM, minUL);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The features (the CRN's inputs) and their standardization, from the manifest's preprocessing record. */
    static List<Feature> features(Path manifest, Crn crn) {
        Map<String, Object> record = CrnManifest.preprocessingRecord(manifest);
        // raw measurements are standardized per feature; other recorded transforms (an image's
        // scaling, centring, resizing) are not applied here, so such a design is refused
        for (String transform : List.of("scale", "center", "resize")) {
            if (record != null && record.containsKey(transform)) {
                throw new CrnException(manifest + ": the design's inputs were preprocessed with '" + transform + "' ("
                        + record.get(transform) + "), which dna mix does not apply (it takes raw "
                        + "measurements of a tabular dataset, standardized per feature)");
            }
        }
        List<?> mean = record != null && record.get("mean") instanceof List<?> l ? l : null;
        List<?> std = record != null && record.get("std") instanceof List<?> l ? l : null;
        if ((mean != null || std != null) && (mean == null || std == null || mean.size() != crn.inputs().size()
                || std.size() != crn.inputs().size())) {
            throw new CrnException(manifest + ": the preprocessing record's mean and std do not give one value per "
                    + "input (" + crn.inputs().size() + ")");
        }
        List<CrnInput> inputs = new ArrayList<>(crn.inputs());
        inputs.sort(java.util.Comparator.comparingInt(CrnInput::feature));
        List<Feature> features = new ArrayList<>();
        for (CrnInput in : inputs) {
            int f = in.feature();
            boolean standardized = mean != null && std != null && f < mean.size() && f < std.size();
            features.add(new Feature(in.name(), standardized ? ((Number) mean.get(f)).doubleValue() : Double.NaN,
                    standardized ? ((Number) std.get(f)).doubleValue() : Double.NaN));
        }
        return features;
    }

    private record Row(String name, int line, double[] raw) {
    }

    /** The samples, every column and cell checked: one line naming the file, line and column otherwise. */
    static List<Row> read(Path csv, List<Feature> features) {
        List<String> names = features.stream().map(Feature::name).toList();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .build().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!names.contains(column) && !NAME_COLUMNS.contains(column.toLowerCase(java.util.Locale.ROOT))) {
                    throw new CrnException(csv + ":1: column '" + column + "' is not a feature of this design (features: "
                            + String.join(", ", names) + "; a sample's name may go in a column 'sample')");
                }
            }
            for (String name : names) {
                if (!header.contains(name)) {
                    throw new CrnException(csv + ":1: no column '" + name + "' (the design's features: "
                            + String.join(", ", names) + ")");
                }
            }
            String nameColumn = header.stream().filter(c -> NAME_COLUMNS.contains(c.toLowerCase(java.util.Locale.ROOT)))
                    .findFirst().orElse(null);
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (r.size() != header.size()) {
                    throw new CrnException(csv + ":" + line + ": " + r.size() + " fields, the header has " + header.size());
                }
                double[] raw = new double[names.size()];
                for (int f = 0; f < raw.length; f++) {
                    String cell = r.get(names.get(f));
                    try {
                        raw[f] = Double.parseDouble(cell);
                        if (!Double.isFinite(raw[f])) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw new CrnException(csv + ":" + line + ": column '" + names.get(f) + "': '" + cell
                                + "' is not a number");
                    }
                }
                rows.add(new Row(nameColumn == null ? "sample " + (rows.size() + 1) : r.get(nameColumn), line, raw));
            }
            if (rows.isEmpty()) {
                throw new CrnException(csv + ": no samples (only a header)");
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new CrnException(csv + ": no such file");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new CrnException(csv + ": not a readable CSV file (" + e.getMessage() + ")");
        }
    }

    /** Per-sample features as a map, for printing. */
    public Map<String, Double> rawOf(Sample s) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            m.put(features.get(f).name(), s.raw()[f]);
        }
        return m;
    }
}
