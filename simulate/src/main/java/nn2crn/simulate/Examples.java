package nn2crn.simulate;

import nn2crn.compile.CrnCompiler;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnOutput;
import nn2crn.datasets.Split;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the examples of an {@link Evaluation} come from. */
public final class Examples {

    private static final Pattern OUTPUT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=([A-Za-z][A-Za-z0-9_]*)(?:-([A-Za-z][A-Za-z0-9_]*))?");

    private Examples() {
    }

    /**
     * The first {@code limit} examples of a dataset split (all when limit <= 0), placed in the CRN
     * as its input map says, with the network's argmax and the values the CRN should reach.
     */
    public static List<Evaluation.Example> fromSplit(Network network, Crn crn, Split split, int limit) {
        if (network.inputs() != split.featureCount()) {
            throw new CrnException("network '" + network.name() + "' has " + network.inputs() + " inputs, the split "
                    + split.featureCount() + " features");
        }
        if (crn.inputs().size() != network.inputs()) {
            throw new CrnException("CRN '" + crn.name() + "' takes " + crn.inputs().size() + " features, network '"
                    + network.name() + "' " + network.inputs() + " (is it the CRN of this network?)");
        }
        java.util.function.Function<double[], double[]> expected = CrnCompiler.expectedOutputs(network, crn);
        int n = limit > 0 ? Math.min(limit, split.size()) : split.size();
        List<Evaluation.Example> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = split.features()[i];
            examples.add(new Evaluation.Example(i, crn.initialState(x), split.labels()[i],
                    ForwardPass.predict(network, x), expected.apply(x)));
        }
        return examples;
    }

    /**
     * Writes the first {@code limit} examples of a split (all when limit <= 0) as an inputs table of
     * this CRN: one column per species, each example's initial concentrations (the CRN's own plus
     * the example's inputs), then {@code label}; what {@link #fromTable} reads back, so another
     * simulator can be given exactly the same initial states.
     */
    public static void writeTable(Crn crn, Split split, int limit, Path file) {
        if (crn.inputs().size() != split.featureCount()) {
            throw new CrnException("CRN '" + crn.name() + "' takes " + crn.inputs().size() + " features, the split has "
                    + split.featureCount());
        }
        int n = limit > 0 ? Math.min(limit, split.size()) : split.size();
        StringBuilder sb = new StringBuilder();
        for (nn2crn.crn.Species s : crn.species()) {
            sb.append(s.name()).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < n; i++) {
            for (double v : crn.initialState(split.features()[i])) {
                sb.append(v).append(',');
            }
            sb.append(split.labels()[i]).append('\n');
        }
        nn2crn.io.AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Rows of a CSV whose header names species (each sets that species' initial concentration;
     * the others keep the CRN's) and optionally {@code label}. A column naming a species the CRN
     * does not have is refused unless all its values are 0 (such a species is absent, i.e. at 0:
     * input tables shared between dual- and single-rail CRNs have such columns). A UTF-8 byte
     * order mark is skipped; duplicate columns, rows with more or fewer fields than the header,
     * broken quoting and a table without rows are refused with the file and line. In a CRN that
     * implements a formal one (a DNA-level CRN), a column named after a formal species is in network
     * units and sets its first signal (times the unit); other columns are in the CRN's own units.
     */
    public static List<Evaluation.Example> fromTable(Path csv, Crn crn) {
        Map<String, Integer> index = crn.speciesIndex();
        double[] base = crn.species().stream().mapToDouble(s -> s.initial()).toArray();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).build();
        List<Evaluation.Example> examples = new ArrayList<>();
        try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            CSVParser parser;
            try {
                parser = format.parse(reader);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CrnException(csv + ":1: bad header (" + shorten(e.getMessage()) + ")");
            }
            List<String> columns = parser.getHeaderNames();
            if (columns.isEmpty()) {
                throw new CrnException(csv + ": empty file (expected a header naming species, then one row per example)");
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new CrnException(csv + ":" + (parser.getCurrentLineNumber() + 1) + ": not valid CSV ("
                            + shorten(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")");
                }
                int line = (int) record.getRecordNumber() + 1;
                if (record.size() != columns.size()) {
                    throw new CrnException(csv + ":" + line + ": " + record.size() + " fields, but the header has "
                            + columns.size() + " columns");
                }
                examples.add(example(csv, crn, index, base, columns, record, line, examples.size()));
            }
        } catch (NoSuchFileException e) {
            throw new CrnException(csv + ": no such file");
        } catch (IOException e) {
            throw new CrnException(csv + ": cannot read (" + shorten(e.getMessage()) + ")");
        }
        if (examples.isEmpty()) {
            throw new CrnException(csv + ": no examples (only a header)");
        }
        return examples;
    }

    private static Evaluation.Example example(Path csv, Crn crn, Map<String, Integer> index, double[] base,
                                              List<String> columns, CSVRecord record, int line, int id) {
        double[] start = base.clone();
        int label = -1;
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            String text = record.get(c);
            try {
                if (column.equals("label")) {
                    label = Integer.parseInt(text);
                    if (label < 0) {
                        throw new NumberFormatException();
                    }
                } else {
                    double v = Double.parseDouble(text);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new NumberFormatException();
                    }
                    boolean formal = crn.implementation() != null
                            && crn.implementation().formalSpecies().containsKey(column);
                    // in an implementing (DNA-level) CRN a formal species is given in network units, on its first signal
                    Integer s = index.get(formal ? crn.carriers(column).get(0) : column);
                    if (s != null) {
                        start[s] = formal ? v * crn.unitScale() : v;
                    } else if (v != 0) {
                        throw new CrnException(csv + ":" + line + ": column '" + shorten(column)
                                + "' is not a species of CRN '" + crn.name() + "' (nor 'label')");
                    }
                }
            } catch (NumberFormatException e) {
                throw new CrnException(csv + ":" + line + ": column '" + shorten(column) + "': '" + shorten(text)
                        + "' is not " + (column.equals("label") ? "a class index (0, 1, ...)" : "a concentration >= 0"));
            }
        }
        return new Evaluation.Example(id, start, label, -1, null);
    }

    /** Skips a UTF-8 byte order mark, which spreadsheet programs put before the header. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** At most 60 characters of a value quoted in a message. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    /**
     * The same examples with every initial concentration (inputs, biases and, in a DNA-level CRN,
     * fuels) multiplied by a factor drawn uniformly from [1 - error, 1 + error]: pipetting errors.
     * The draws depend on the seed, the example and the species only. The expected values stay the
     * network's.
     */
    public static List<Evaluation.Example> withConcentrationError(List<Evaluation.Example> examples, double error,
                                                                  long seed) {
        if (!(error >= 0 && error < 1)) {
            throw new CrnException("concentration error must be a fraction in [0, 1), is " + error);
        }
        List<Evaluation.Example> out = new ArrayList<>(examples.size());
        for (Evaluation.Example e : examples) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + e.id());
            double[] start = e.start().clone();
            for (int i = 0; i < start.length; i++) {
                start[i] *= 1 - error + 2 * error * random.nextDouble();
            }
            out.add(new Evaluation.Example(e.id(), start, e.label(), e.expectedArgmax(), e.expected()));
        }
        return out;
    }

    /** {@code NAME=A-B} (dual rail) or {@code NAME=A}. */
    public static CrnOutput parseOutput(String spec) {
        Matcher m = OUTPUT.matcher(spec.strip());
        if (!m.matches()) {
            throw new CrnException("--output '" + spec + "': expected NAME=SPECIES or NAME=SPECIES-SPECIES");
        }
        return new CrnOutput(m.group(1), m.group(2), m.group(3));
    }

    /** The CRN read out through other outputs. */
    public static Crn withOutputs(Crn crn, List<CrnOutput> outputs) {
        try {
            return crn.withOutputs(outputs);
        } catch (CrnException e) {
            throw new CrnException("--output: " + e.getMessage());
        }
    }
}
