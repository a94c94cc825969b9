package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates many examples of one CRN on several threads, appending each finished example to
 * {@code results.csv} at once (so an interrupted run keeps them, and {@code resume} skips them),
 * then summarizes all rows in {@code summary.json}.
 */
public final class Evaluation {

    public static final String RESULTS_FILE = "results.csv";
    /** What the rows of results.csv were computed from: resuming is allowed only with the same. */
    public static final String RESULTS_SETTINGS_FILE = "results.settings.json";
    public static final String SUMMARY_FILE = "summary.json";
    private static final String SETTINGS_FORMAT = "nn2crn.results-settings/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One example: the CRN's start state, its label (-1 if unknown), and the network's argmax
     * and the values the outputs should reach (-1 and null without a network).
     */
    public record Example(int id, double[] start, int label, int expectedArgmax, double[] expected)
            implements java.io.Serializable {
    }

    /**
     * @param keepTrajectories example ids whose output time courses are kept (for plots and CSV)
     * @param timeCourse       values written to {@code time-course.csv} for every example, or null
     */
    public record Settings(double tMax, int threads, SolverSettings solver, RateSpec rates,
                           Set<Integer> keepTrajectories, TimeCourse timeCourse, int lanes)
            implements java.io.Serializable {

        /**
         * Examples each thread integrates at once by default: one, since the batched Dormand-Prince
         * ({@link BatchedDormandPrince}) was not faster on the MNIST CRNs on a 2-core AVX2 machine (the
         * one-example right-hand side skips the reactions without flux, which differ between examples).
         */
        public static final int DEFAULT_LANES = 1;

        public Settings(double tMax, int threads, SolverSettings solver, RateSpec rates,
                        Set<Integer> keepTrajectories, TimeCourse timeCourse) {
            this(tMax, threads, solver, rates, keepTrajectories, timeCourse, DEFAULT_LANES);
        }

        public Settings withLanes(int count) {
            return new Settings(tMax, threads, solver, rates, keepTrajectories, timeCourse, count);
        }

        public Settings {
            if (!(tMax > 0) || Double.isInfinite(tMax)) {
                throw new IllegalArgumentException("t_max must be a positive finite time, is " + tMax);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, is " + threads);
            }
            if (lanes < 1) {
                throw new IllegalArgumentException("lanes must be at least 1, is " + lanes);
            }
            keepTrajectories = Set.copyOf(keepTrajectories);
        }

        public Settings(double tMax, int threads, SolverSettings solver, RateSpec rates, Set<Integer> keepTrajectories) {
            this(tMax, threads, solver, rates, keepTrajectories, null);
        }
    }

    /** What to do with the rows already in an output folder. */
    public enum Resume {
        /** start over */
        NEVER,
        /** keep them if they were made with the same CRN, examples and settings, else start over */
        IF_SAME,
        /** keep them; refuse (naming what differs) if they were made with other settings */
        REQUIRED
    }

    public interface Progress {
        void update(int done, int total, double seconds);
    }

    /**
     * Where the examples' integrations run: this JVM's threads ({@link #LOCAL}) or elsewhere (a Spark
     * cluster: {@code nn2crn.pipeline.SparkSimulation}). {@link #run} does everything else (resume, the
     * rows as they come, the summary), so every engine's results are the same.
     */
    public interface Engine {
        /**
         * Simulates each example to the settings' t_max (through their time course, if any) and hands
         * its result to {@code finished}, in any order, from any thread of this JVM.
         *
         * @param system  the CRN's system with {@code rates}, for an engine that runs here
         * @param results where the rows go (for messages: an interruption says where to resume from)
         */
        void simulate(Crn crn, MassActionSystem system, double[] rates, List<Example> examples, Settings settings,
                      Path results, Simulator.Finished finished);
    }

    /** On {@link Settings#threads()} threads of this JVM, one simulator each. */
    public static final Engine LOCAL = (crn, system, rates, todo, settings, results, finished) -> {
        TimeCourse course = settings.timeCourse();
        ThreadLocal<Simulator> simulators = ThreadLocal.withInitial(() -> new Simulator(crn, system, settings.solver(),
                course == null ? settings.lanes() : 1));
        if (course == null) {
            // each thread takes examples from one queue, several at a time where its simulator batches them
            Iterator<Example> queue = todo.iterator();
            int workers = Math.max(1, Math.min(settings.threads(), todo.size()));
            ExamplePool.forEach(java.util.stream.IntStream.range(0, workers).boxed().toList(), workers,
                    "nn2crn-simulate", results, worker -> simulators.get().runAll(queue, settings.tMax(),
                            settings.keepTrajectories(), finished));
        } else {
            ExamplePool.forEach(todo, settings.threads(), "nn2crn-simulate", results, example -> {
                long t0 = System.nanoTime();
                boolean keep = settings.keepTrajectories().contains(example.id());
                ExampleResult result = simulators.get().run(example.id(), example.start(), settings.tMax(), keep,
                        course);
                finished.accept(result, (System.nanoTime() - t0) / 1e9);
            });
        }
    };

    /**
     * What {@link #run} returns: every row (earlier ones included when resuming), the trajectories
     * kept, and, with a time course of the outputs, the read-out at each of its times (else empty).
     */
    /** @param solver the solver settings with the method {@code auto} chose for this CRN */
    public record Outcome(List<ResultRow> rows, Map<Integer, ExampleResult.Trajectory> trajectories, double seconds,
                          int simulated, List<Readout> readouts, Map<String, Object> solver) {
    }

    private Evaluation() {
    }

    public static Outcome run(Crn crn, List<Example> examples, Settings settings, Path outDir, boolean resume,
                              Progress progress) {
        return run(crn, examples, settings, outDir, resume ? Resume.REQUIRED : Resume.NEVER, progress);
    }

    /**
     * Simulates the examples not yet in {@code outDir/results.csv} (all of them unless resuming),
     * appending each row as it finishes, and at the end rewrites the file sorted by example.
     */
    public static Outcome run(Crn crn, List<Example> examples, Settings settings, Path outDir, Resume resume,
                              Progress progress) {
        return run(crn, examples, settings, outDir, resume, progress, LOCAL);
    }

    /** The same, the integrations run by {@code engine}. */
    public static Outcome run(Crn crn, List<Example> examples, Settings settings, Path outDir, Resume resume,
                              Progress progress, Engine engine) {
        double[] rates = settings.rates().rates(crn);
        MassActionSystem system = new MassActionSystem(crn, rates);
        int outputs = crn.outputs().size();
        if (outputs == 0) {
            throw new CrnException("CRN '" + crn.name() + "' has no outputs to read (give --output, or a compile folder)");
        }
        Path results = outDir.resolve(RESULTS_FILE);
        Path settingsFile = outDir.resolve(RESULTS_SETTINGS_FILE);
        Path courseFile = outDir.resolve(TimeCourse.FILE);
        TimeCourse course = settings.timeCourse();
        List<String> courseHeader;
        try {
            courseHeader = course == null ? null : course.header(crn, settings.tMax());
        } catch (IllegalArgumentException e) {
            throw new CrnException("time course: " + e.getMessage());
        }
        Map<String, Object> record = settingsRecord(crn, rates, examples, settings);
        List<ResultRow> rows = new ArrayList<>();
        List<String> courseLines = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            if (resume != Resume.NEVER && Files.exists(results)) {
                String difference = ResultsFiles.difference(settingsFile, record);
                if (difference == null) {
                    rows.addAll(read(results, outputs));
                    // in today's columns before anything is appended (a file of rows written before a column was added)
                    ResultsFiles.writeSorted(results, ResultRow.header(outputs),
                            rows.stream().sorted(Comparator.comparingInt(ResultRow::example)).map(ResultRow::values).toList());
                    if (course != null) {
                        courseLines.addAll(readCourse(courseFile, courseHeader, rows));
                    }
                } else if (resume == Resume.REQUIRED) {
                    throw new CrnException(results + " was made with other settings (" + difference
                            + "): remove it or run without --resume");
                }
            }
            if (rows.isEmpty()) {
                // the old rows go before the new record is written, so no crash can pair them with it
                Files.deleteIfExists(results);
                Files.deleteIfExists(courseFile);
                ResultsFiles.writeRecord(settingsFile, record);
            }
        } catch (IOException e) {
            throw ResultsFiles.cannotUse(outDir, e);
        }
        Set<Integer> done = new HashSet<>();
        rows.forEach(r -> done.add(r.example()));
        List<Example> todo = examples.stream().filter(e -> !done.contains(e.id())).toList();

        Map<Integer, ExampleResult.Trajectory> trajectories = new TreeMap<>();
        long start = System.nanoTime();
        AtomicInteger finished = new AtomicInteger();
        boolean append = !rows.isEmpty();
        Map<Integer, List<List<String>>> newCourse = new TreeMap<>();
        try (CSVPrinter csv = new CSVPrinter(open(results, append), CSVFormat.DEFAULT);
             CSVPrinter courseCsv = course == null ? null : new CSVPrinter(open(courseFile, append), CSVFormat.DEFAULT)) {
            if (!append) {
                csv.printRecord(ResultRow.header(outputs));
                csv.flush();
                if (courseCsv != null) {
                    courseCsv.printRecord(courseHeader);
                    courseCsv.flush();
                }
            }
            Map<Integer, Example> byId = new HashMap<>();
            todo.forEach(e -> byId.put(e.id(), e));
            Simulator.Finished writeRow = (result, seconds) -> {
                Example example = byId.get(result.example());
                boolean keep = settings.keepTrajectories().contains(example.id());
                ResultRow row = row(example, result, seconds);
                synchronized (csv) {
                    rows.add(row);
                    if (keep) {
                        trajectories.put(example.id(), result.trajectory());
                    }
                    if (courseCsv != null) {
                        // before results.csv, so a resumed run never lacks the course of a finished row
                        List<List<String>> lines = courseRecords(example.id(), course.times(), result.timeCourse());
                        try {
                            for (List<String> line : lines) {
                                courseCsv.printRecord(line);
                            }
                            courseCsv.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot write " + courseFile + ": " + e.getMessage(), e);
                        }
                        newCourse.put(example.id(), lines);
                    }
                    try {
                        csv.printRecord(row.values());
                        csv.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
                    }
                    progress.update(finished.incrementAndGet(), todo.size(), (System.nanoTime() - start) / 1e9);
                }
            };
            engine.simulate(crn, system, rates, todo, settings, results, writeRow);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
        }
        rows.sort(Comparator.comparingInt(ResultRow::example));
        // threads finish out of order: the finished files list the examples in order
        ResultsFiles.writeSorted(results, ResultRow.header(outputs), rows.stream().map(ResultRow::values).toList());
        List<Readout> readouts = List.of();
        if (course != null) {
            List<List<String>> lines = new ArrayList<>();
            courseLines.forEach(l -> lines.add(List.of(l.split(",", -1))));
            newCourse.values().forEach(lines::addAll);
            lines.sort(Comparator.comparingInt(l -> Integer.parseInt(l.get(0))));
            ResultsFiles.writeSorted(courseFile, courseHeader, lines);
            if (course.species().isEmpty()) {
                readouts = Readout.of(lines, rows, course.times());
            }
        }
        return new Outcome(rows, trajectories, (System.nanoTime() - start) / 1e9, todo.size(), readouts,
                settings.solver().describe(system));
    }

    /**
     * What the rows depend on, as a JSON-ready map: t_max, solver, rates, time course, and
     * digests of the CRN (species, initial concentrations, reactions, outputs), of the rate
     * constants in use and of the examples (start states, labels, expected values).
     */
    static Map<String, Object> settingsRecord(Crn crn, double[] rates, List<Example> examples, Settings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", SETTINGS_FORMAT);
        m.put("t_max", settings.tMax());
        m.put("solver", settings.solver().describe());
        m.put("rates", settings.rates().text());
        m.put("time_course", settings.timeCourse() == null ? null : settings.timeCourse().toString());
        m.putAll(ResultsFiles.digests(crn, rates, examples));
        return m;
    }

    private static Writer open(Path file, boolean append) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    private static List<List<String>> courseRecords(int example, double[] times, double[][] values) {
        List<List<String>> records = new ArrayList<>(times.length);
        for (int k = 0; k < times.length; k++) {
            List<String> record = new ArrayList<>(values[k].length + 2);
            record.add(Integer.toString(example));
            record.add(Double.toString(times[k]));
            for (double v : values[k]) {
                record.add(Double.toString(v));
            }
            records.add(record);
        }
        return records;
    }

    /** The lines of the time course kept on resume: those of examples whose rows are kept. */
    private static List<String> readCourse(Path courseFile, List<String> header, List<ResultRow> rows)
            throws IOException {
        if (!Files.exists(courseFile)) {
            throw new CrnException(courseFile + " is missing, though results.csv has rows: remove results.csv or run "
                    + "without --resume");
        }
        List<String> lines = Files.readAllLines(courseFile);
        if (lines.isEmpty() || !String.join(",", header).equals(lines.get(0))) {
            throw new CrnException(courseFile + ": its columns do not match this time course; remove it or run "
                    + "without --resume");
        }
        Set<Integer> kept = new HashSet<>();
        rows.forEach(r -> kept.add(r.example()));
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", 3);
            // keep one line per (example, time), and only for examples whose rows are kept
            if (fields.length == 3 && kept.contains(Integer.parseInt(fields[0])) && seen.add(fields[0] + "," + fields[1])) {
                out.add(line);
            }
        }
        return out;
    }

    private static ResultRow row(Example example, ExampleResult result, double seconds) {
        double maxError = Double.NaN;
        if (example.expected() != null) {
            maxError = 0;
            for (int j = 0; j < result.outputs().length; j++) {
                maxError = Math.max(maxError, Math.abs(result.outputs()[j] - example.expected()[j]));
            }
        }
        Solution s = result.solution();
        return new ResultRow(example.id(), example.label(), example.expectedArgmax(), result.argmax(), example.expected(),
                result.outputs(), maxError, margin(example.expected()), result.argmaxTime(), result.settleTime(), s.status().id(), s.time(), s.steps(),
                s.rejectedSteps(), s.rhsEvaluations(), s.jacobianEvaluations(), seconds, result.remainingChange());
    }

    /** The top value minus the second (NaN without values, or with one output). */
    static double margin(double[] values) {
        if (values == null || values.length < 2) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }

    private static List<ResultRow> read(Path results, int outputs) throws IOException {
        try (Reader reader = Files.newBufferedReader(results);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<String> header = ResultRow.header(outputs);
            // rows written before the remaining_change column: read, their remaining change unknown (NaN)
            boolean beforeRemainingChange = parser.getHeaderNames().equals(header.subList(0, header.size() - 1));
            if (!parser.getHeaderNames().equals(header) && !beforeRemainingChange) {
                throw new CrnException(results + ": its columns do not match this CRN's outputs; remove it or run without --resume");
            }
            List<ResultRow> rows = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (CSVRecord r : parser) {
                ResultRow row = ResultRow.parse(r, outputs, results.toString());
                // a crash between the append and the sorted rewrite can leave an example twice: keep one
                if (seen.add(row.example())) {
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The summary of an evaluation: {@link #summarize(List, Settings, double, int)} plus the read-outs, if any. */
    public static Map<String, Object> summarize(Outcome outcome, Settings settings) {
        Map<String, Object> s = summarize(outcome.rows(), settings, outcome.seconds(), outcome.simulated());
        s.put("solver", outcome.solver());
        if (!outcome.readouts().isEmpty()) {
            s.put("readout", outcome.readouts().stream().map(Readout::describe).toList());
            s.put("argmax_agrees_from", Readout.settling(outcome.rows()));
        }
        return s;
    }

    /**
     * The summary of all rows. Only completed examples (integrated to t_max, to a steady state or settled)
     * count towards the CRN's accuracy, agreement, errors and convergence times: a stopped one
     * (step budget, step underflow, blow-up) has no final state, so it is counted apart by status.
     * The network's accuracy is over every example, since it does not depend on the CRN.
     */
    public static Map<String, Object> summarize(List<ResultRow> rows, Settings settings, double wallSeconds,
                                                int simulated) {
        Map<String, Object> s = new LinkedHashMap<>();
        int n = rows.size();
        List<ResultRow> completed = rows.stream().filter(ResultRow::completed).toList();
        Map<String, Long> stopped = new TreeMap<>();
        rows.stream().filter(r -> !r.completed()).forEach(r -> stopped.merge(r.status(), 1L, Long::sum));
        s.put("examples", n);
        s.put("completed", completed.size());
        s.put("stopped", stopped);
        s.put("excluded_from_accuracy", n - completed.size());
        boolean withNetwork = n > 0 && rows.stream().allMatch(r -> r.nnArgmax() >= 0);
        long labelled = rows.stream().filter(r -> r.label() >= 0).count();
        if (labelled > 0 && withNetwork) {
            s.put("nn_accuracy", rows.stream().filter(r -> r.label() >= 0 && r.nnArgmax() == r.label()).count()
                    / (double) labelled);
        }
        long completedLabelled = completed.stream().filter(r -> r.label() >= 0).count();
        if (completedLabelled > 0) {
            if (withNetwork && completed.size() < n) {
                s.put("nn_accuracy_completed", completed.stream().filter(r -> r.label() >= 0 && r.nnArgmax() == r.label())
                        .count() / (double) completedLabelled);
            }
            s.put("crn_accuracy", completed.stream().filter(r -> r.label() >= 0 && r.crnArgmax() == r.label()).count()
                    / (double) completedLabelled);
        }
        if (withNetwork && !completed.isEmpty()) {
            s.put("agreement", completed.stream().filter(r -> r.crnArgmax() == r.nnArgmax()).count()
                    / (double) completed.size());
            s.put("disagreements", completed.stream().filter(r -> r.crnArgmax() != r.nnArgmax())
                    .map(ResultRow::example).toList());
        }
        double[] errors = completed.stream().mapToDouble(ResultRow::maxAbsError).filter(e -> !Double.isNaN(e))
                .sorted().toArray();
        if (errors.length > 0) {
            s.put("max_abs_error", errors[errors.length - 1]);
            s.put("median_abs_error", quantile(errors, 0.5));
        }
        double[] remaining = completed.stream().mapToDouble(ResultRow::remainingChange).filter(e -> !Double.isNaN(e))
                .sorted().toArray();
        if (remaining.length > 0) {
            // a rate-independent CRN: how far each example's outputs were from their final values when it ended
            s.put("remaining_change_max", remaining[remaining.length - 1]);
            s.put("remaining_change_median", quantile(remaining, 0.5));
        }
        double[] margins = completed.stream().mapToDouble(ResultRow::nnMargin).filter(m -> !Double.isNaN(m)).sorted()
                .toArray();
        if (margins.length > 0) {
            s.put("nn_margin_median", quantile(margins, 0.5));
            s.put("nn_margin_min", margins[0]);
        }
        double[] settle = completed.stream().mapToDouble(ResultRow::settleTime).sorted().toArray();
        if (settle.length > 0) {
            s.put("convergence_time_median", quantile(settle, 0.5));
            s.put("convergence_time_p90", quantile(settle, 0.9));
            s.put("argmax_time_max", completed.stream().mapToDouble(ResultRow::argmaxTime).max().orElse(0));
        }
        Map<String, Long> statuses = new TreeMap<>();
        rows.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
        s.put("status_counts", statuses);
        s.put("t_max", settings.tMax());
        s.put("solver", settings.solver().describe());
        s.put("rates", settings.rates().text());
        s.put("threads", settings.threads());
        s.put("steps_median", quantile(rows.stream().mapToDouble(ResultRow::steps).sorted().toArray(), 0.5));
        s.put("seconds_per_example_median", quantile(rows.stream().mapToDouble(ResultRow::seconds).sorted().toArray(), 0.5));
        s.put("simulated_this_run", simulated);
        s.put("wall_seconds", wallSeconds);
        s.put("examples_per_second", wallSeconds > 0 ? simulated / wallSeconds : 0);
        return s;
    }

    /** Nearest-rank quantile of sorted values (NaN when empty). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    public static void writeSummary(Map<String, Object> summary, Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(summary) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
