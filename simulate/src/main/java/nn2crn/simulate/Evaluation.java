package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulates many examples of one CRN on several threads, appending each finished example to
 * {@code results.csv} at once (so an interrupted run keeps them, and {@code resume} skips them),
 * then summarizes all rows in {@code summary.json}.
 */
public final class Evaluation {

    public static final String RESULTS_FILE = "results.csv";
    public static final String SUMMARY_FILE = "summary.json";

    /**
     * One example: the CRN's start state, its label (-1 if unknown), and the network's argmax
     * and the values the outputs should reach (-1 and null without a network).
     */
    public record Example(int id, double[] start, int label, int expectedArgmax, double[] expected) {
    }

    /**
     * @param keepTrajectories example ids whose output time courses are kept (for plots and CSV)
     * @param timeCourse       values written to {@code time-course.csv} for every example, or null
     */
    public record Settings(double tMax, int threads, SolverSettings solver, RateSpec rates,
                           Set<Integer> keepTrajectories, TimeCourse timeCourse) {

        public Settings(double tMax, int threads, SolverSettings solver, RateSpec rates, Set<Integer> keepTrajectories) {
            this(tMax, threads, solver, rates, keepTrajectories, null);
        }
    }

    public interface Progress {
        void update(int done, int total, double seconds);
    }

    /** What {@link #run} returns: every row (earlier ones included when resuming) and the trajectories kept. */
    public record Outcome(List<ResultRow> rows, Map<Integer, ExampleResult.Trajectory> trajectories, double seconds,
                          int simulated) {
    }

    private Evaluation() {
    }

    public static Outcome run(Crn crn, List<Example> examples, Settings settings, Path outDir, boolean resume,
                              Progress progress) {
        MassActionSystem system = new MassActionSystem(crn, settings.rates().rates(crn));
        int outputs = crn.outputs().size();
        if (outputs == 0) {
            throw new CrnException("CRN '" + crn.name() + "' has no outputs to read (give --output, or a compile folder)");
        }
        Path results = outDir.resolve(RESULTS_FILE);
        Path courseFile = outDir.resolve(TimeCourse.FILE);
        TimeCourse course = settings.timeCourse();
        List<String> courseHeader;
        try {
            courseHeader = course == null ? null : course.header(crn, settings.tMax());
        } catch (IllegalArgumentException e) {
            throw new CrnException("time course: " + e.getMessage());
        }
        List<ResultRow> rows = new ArrayList<>();
        boolean appendCourse = false;
        try {
            Files.createDirectories(outDir);
            if (resume && Files.exists(results)) {
                rows.addAll(read(results, outputs));
                appendCourse = course != null && !rows.isEmpty() && Files.exists(courseFile) && Files.size(courseFile) > 0;
                if (appendCourse) {
                    String first;
                    try (BufferedReader reader = Files.newBufferedReader(courseFile)) {
                        first = reader.readLine();
                    }
                    if (!String.join(",", courseHeader).equals(first)) {
                        throw new CrnException(courseFile + ": its columns do not match this time course; remove it or "
                                + "run without --resume");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + outDir + ": " + e.getMessage(), e);
        }
        Set<Integer> done = new HashSet<>();
        rows.forEach(r -> done.add(r.example()));
        List<Example> todo = examples.stream().filter(e -> !done.contains(e.id())).toList();

        Map<Integer, ExampleResult.Trajectory> trajectories = new TreeMap<>();
        long start = System.nanoTime();
        int threads = Math.max(1, Math.min(settings.threads(), todo.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nn2crn-simulate");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Simulator> simulators = ThreadLocal.withInitial(() -> new Simulator(crn, system, settings.solver()));
        AtomicInteger finished = new AtomicInteger();
        boolean append = resume && !rows.isEmpty();
        try (CSVPrinter csv = new CSVPrinter(open(results, append), CSVFormat.DEFAULT);
             CSVPrinter courseCsv = course == null ? null : new CSVPrinter(open(courseFile, appendCourse), CSVFormat.DEFAULT)) {
            if (!append) {
                csv.printRecord(ResultRow.header(outputs));
                csv.flush();
            }
            if (courseCsv != null && !appendCourse) {
                courseCsv.printRecord(courseHeader);
                courseCsv.flush();
            }
            List<Future<?>> futures = new ArrayList<>();
            for (Example example : todo) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    boolean keep = settings.keepTrajectories().contains(example.id());
                    ExampleResult result = simulators.get().run(example.id(), example.start(), settings.tMax(), keep,
                            course);
                    ResultRow row = row(example, result, (System.nanoTime() - t0) / 1e9);
                    synchronized (csv) {
                        rows.add(row);
                        if (keep) {
                            trajectories.put(example.id(), result.trajectory());
                        }
                        if (courseCsv != null) {
                            // before results.csv, so a resumed run never lacks the course of a finished row
                            writeCourse(courseCsv, example.id(), course.times(), result.timeCourse());
                        }
                        csv.printRecord(row.values());
                        csv.flush();
                        progress.update(finished.incrementAndGet(), todo.size(), (System.nanoTime() - start) / 1e9);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrnException("interrupted; finished examples are in " + results + " (--resume continues)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        rows.sort(Comparator.comparingInt(ResultRow::example));
        return new Outcome(rows, trajectories, (System.nanoTime() - start) / 1e9, todo.size());
    }

    private static Writer open(Path file, boolean append) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    private static void writeCourse(CSVPrinter csv, int example, double[] times, double[][] values) throws IOException {
        for (int k = 0; k < times.length; k++) {
            List<Object> record = new ArrayList<>(values[k].length + 2);
            record.add(example);
            record.add(Double.toString(times[k]));
            for (double v : values[k]) {
                record.add(Double.toString(v));
            }
            csv.printRecord(record);
        }
        csv.flush();
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
                result.outputs(), maxError, result.argmaxTime(), result.settleTime(), s.status().id(), s.time(), s.steps(),
                s.rejectedSteps(), s.rhsEvaluations(), s.jacobianEvaluations(), seconds);
    }

    private static List<ResultRow> read(Path results, int outputs) throws IOException {
        try (Reader reader = Files.newBufferedReader(results);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!parser.getHeaderNames().equals(ResultRow.header(outputs))) {
                throw new CrnException(results + ": its columns do not match this CRN's outputs; remove it or run without --resume");
            }
            List<ResultRow> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                rows.add(ResultRow.parse(r, outputs, results.toString()));
            }
            return rows;
        }
    }

    /** The summary of all rows. */
    public static Map<String, Object> summarize(List<ResultRow> rows, Settings settings, double wallSeconds,
                                                int simulated) {
        Map<String, Object> s = new LinkedHashMap<>();
        int n = rows.size();
        s.put("examples", n);
        long labelled = rows.stream().filter(r -> r.label() >= 0).count();
        boolean withNetwork = rows.stream().allMatch(r -> r.nnArgmax() >= 0) && n > 0;
        if (labelled > 0 && withNetwork) {
            s.put("nn_accuracy", rows.stream().filter(r -> r.label() >= 0 && r.nnArgmax() == r.label()).count() / (double) labelled);
        }
        if (labelled > 0) {
            s.put("crn_accuracy", rows.stream().filter(r -> r.label() >= 0 && r.crnArgmax() == r.label()).count() / (double) labelled);
        }
        if (withNetwork) {
            s.put("agreement", rows.stream().filter(r -> r.crnArgmax() == r.nnArgmax()).count() / (double) n);
            s.put("disagreements", rows.stream().filter(r -> r.crnArgmax() != r.nnArgmax()).map(ResultRow::example).toList());
        }
        double[] errors = rows.stream().mapToDouble(ResultRow::maxAbsError).filter(e -> !Double.isNaN(e)).sorted().toArray();
        if (errors.length > 0) {
            s.put("max_abs_error", errors[errors.length - 1]);
            s.put("median_abs_error", quantile(errors, 0.5));
        }
        double[] settle = rows.stream().mapToDouble(ResultRow::settleTime).sorted().toArray();
        if (settle.length > 0) {
            s.put("convergence_time_median", quantile(settle, 0.5));
            s.put("convergence_time_p90", quantile(settle, 0.9));
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
            AtomicFiles.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
