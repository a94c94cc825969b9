package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.network.ForwardPass;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact stochastic simulation (SSA) of many examples: each example's concentrations become molecule
 * counts (round(N c) at N molecules per network unit), and R trajectories, each seeded from the
 * seed, the example and the run, go until no reaction can fire, t_max or the event budget. Per
 * example: the distribution of the final outputs and argmax over the runs, the events, and when
 * the argmax settled. Rows are appended to {@code ssa-results.csv} as examples finish and resumed
 * like the ODE evaluation's.
 */
public final class StochasticEvaluation {

    public static final String RESULTS_FILE = "ssa-results.csv";
    public static final String SETTINGS_FILE = "ssa-results.settings.json";
    private static final String SETTINGS_FORMAT = "nn2crn.ssa-settings/1";

    /**
     * @param moleculesPerUnit molecules per network unit of concentration (N)
     * @param tMax             +infinity: until no reaction can fire (or the event budget)
     * @param maxEvents        event budget per run
     */
    public record Settings(double moleculesPerUnit, int runs, double tMax, long maxEvents, long seed, int threads,
                           RateSpec rates) {

        public Settings {
            if (!(moleculesPerUnit > 0) || Double.isInfinite(moleculesPerUnit)) {
                throw new IllegalArgumentException("molecules per unit must be a positive number, is " + moleculesPerUnit);
            }
            if (runs < 1 || threads < 1 || maxEvents < 1) {
                throw new IllegalArgumentException("runs, threads and the event budget must be at least 1");
            }
            if (!(tMax > 0)) {
                throw new IllegalArgumentException("t_max must be positive, is " + tMax);
            }
        }
    }

    /**
     * One example over its runs. Agreement and accuracy are the shares of completed runs whose
     * argmax (unique; a tie counts as neither) is the network's and the label.
     *
     * @param argmaxCounts per output, the completed runs whose argmax it is
     * @param ties         completed runs whose largest output was shared
     */
    public record Row(int example, int label, int nnArgmax, int runs, int completed, Map<String, Integer> statuses,
                      int[] argmaxCounts, int ties, double[] mean, double[] std, double eventsMean,
                      double settleTimeMedian, double seconds) {

        public Double agreement() {
            return nnArgmax < 0 || completed == 0 ? null : (double) argmaxCounts[nnArgmax] / completed;
        }

        public Double accuracy() {
            return label < 0 || completed == 0 ? null : (double) argmaxCounts[label] / completed;
        }

        static List<String> header(int outputs) {
            List<String> h = new ArrayList<>(List.of("example", "label", "nn_argmax", "runs", "completed", "statuses"));
            for (int j = 0; j < outputs; j++) {
                h.add("argmax_" + j);
            }
            h.add("ties");
            for (int j = 0; j < outputs; j++) {
                h.add("mean_y" + j);
            }
            for (int j = 0; j < outputs; j++) {
                h.add("std_y" + j);
            }
            h.addAll(List.of("agreement", "accuracy", "events_mean", "settle_time_median", "seconds"));
            return h;
        }

        List<String> values() {
            List<String> v = new ArrayList<>(List.of(Integer.toString(example), label < 0 ? "" : Integer.toString(label),
                    nnArgmax < 0 ? "" : Integer.toString(nnArgmax), Integer.toString(runs), Integer.toString(completed),
                    String.join(" ", statuses.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList())));
            Arrays.stream(argmaxCounts).forEach(c -> v.add(Integer.toString(c)));
            v.add(Integer.toString(ties));
            Arrays.stream(mean).forEach(m -> v.add(Double.toString(m)));
            Arrays.stream(std).forEach(m -> v.add(Double.toString(m)));
            v.add(agreement() == null ? "" : Double.toString(agreement()));
            v.add(accuracy() == null ? "" : Double.toString(accuracy()));
            v.add(Double.toString(eventsMean));
            v.add(Double.toString(settleTimeMedian));
            v.add(String.format(Locale.ROOT, "%.4f", seconds));
            return v;
        }

        static Row parse(CSVRecord r, int outputs, String source) {
            try {
                Map<String, Integer> statuses = new TreeMap<>();
                for (String part : r.get("statuses").split(" ")) {
                    if (!part.isEmpty()) {
                        String[] kv = part.split(":");
                        statuses.put(kv[0], Integer.parseInt(kv[1]));
                    }
                }
                int[] counts = new int[outputs];
                double[] mean = new double[outputs];
                double[] std = new double[outputs];
                for (int j = 0; j < outputs; j++) {
                    counts[j] = Integer.parseInt(r.get("argmax_" + j));
                    mean[j] = Double.parseDouble(r.get("mean_y" + j));
                    std[j] = Double.parseDouble(r.get("std_y" + j));
                }
                return new Row(Integer.parseInt(r.get("example")), intOr(r.get("label")), intOr(r.get("nn_argmax")),
                        Integer.parseInt(r.get("runs")), Integer.parseInt(r.get("completed")), statuses, counts,
                        Integer.parseInt(r.get("ties")), mean, std, Double.parseDouble(r.get("events_mean")),
                        Double.parseDouble(r.get("settle_time_median")), Double.parseDouble(r.get("seconds")));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new CrnException(source + ": line " + r.getRecordNumber() + " is not an SSA results row ("
                        + e.getMessage() + "); remove the file or run without --resume");
            }
        }

        private static int intOr(String text) {
            return text.isEmpty() ? -1 : Integer.parseInt(text);
        }
    }

    /** Every row (earlier ones included when resuming), events and CPU seconds of this call's runs. */
    public record Outcome(List<Row> rows, int simulated, long events, double cpuSeconds, double wallSeconds) {
    }

    private StochasticEvaluation() {
    }

    /** The random stream of one run: a function of the seed, the example and the run only. */
    static SplittableRandom random(long seed, int example, int run) {
        long mixed = seed * 0x9E3779B97F4A7C15L + example * 0xBF58476D1CE4E5B9L + run * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }

    public static Outcome run(Crn crn, List<Evaluation.Example> examples, Settings settings, Path outDir,
                              Evaluation.Resume resume, Evaluation.Progress progress) {
        if (crn.outputs().isEmpty()) {
            throw new CrnException("CRN '" + crn.name() + "' has no outputs to read (give --output, or a compile folder)");
        }
        double[] rates = settings.rates().rates(crn);
        // N molecules per network unit = N / unit molecules per unit of the CRN's own concentration
        double perCrnUnit = settings.moleculesPerUnit() / crn.unitScale();
        StochasticSystem system = new StochasticSystem(crn, rates, perCrnUnit);
        OutputReader reader = new OutputReader(crn);
        int outputs = reader.outputs();
        Path results = outDir.resolve(RESULTS_FILE);
        Path settingsFile = outDir.resolve(SETTINGS_FILE);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("format", SETTINGS_FORMAT);
        record.put("molecules_per_unit", settings.moleculesPerUnit());
        record.put("runs", settings.runs());
        record.put("t_max", Double.toString(settings.tMax()));
        record.put("max_events", settings.maxEvents());
        record.put("seed", settings.seed());
        record.put("rates", settings.rates().text());
        record.putAll(ResultsFiles.digests(crn, rates, examples));
        List<Row> rows = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            if (resume != Evaluation.Resume.NEVER && Files.exists(results)) {
                String difference = ResultsFiles.difference(settingsFile, record);
                if (difference == null) {
                    rows.addAll(read(results, outputs));
                } else if (resume == Evaluation.Resume.REQUIRED) {
                    throw new CrnException(results + " was made with other settings (" + difference
                            + "): remove it or run without --resume");
                }
            }
            if (rows.isEmpty()) {
                Files.deleteIfExists(results);
                ResultsFiles.writeRecord(settingsFile, record);
            }
        } catch (IOException e) {
            throw ResultsFiles.cannotUse(outDir, e);
        }
        Set<Integer> done = new HashSet<>();
        rows.forEach(r -> done.add(r.example()));
        List<Evaluation.Example> todo = examples.stream().filter(e -> !done.contains(e.id())).toList();
        long start = System.nanoTime();
        AtomicInteger finished = new AtomicInteger();
        long[] totals = new long[2]; // events, CPU nanoseconds
        ThreadLocal<StochasticSimulator> simulators = ThreadLocal.withInitial(() -> new StochasticSimulator(system));
        boolean[] watched = reader.watched(system.species());
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(results, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, rows.isEmpty() ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), CSVFormat.DEFAULT)) {
            if (rows.isEmpty()) {
                csv.printRecord(Row.header(outputs));
                csv.flush();
            }
            ExamplePool.forEach(todo, settings.threads(), "nn2crn-ssa", results, example -> {
                long t0 = System.nanoTime();
                long[] events = new long[1];
                Row row = example(simulators.get(), system, reader, watched, example, settings, perCrnUnit, events);
                long cpu = System.nanoTime() - t0;
                synchronized (csv) {
                    rows.add(row);
                    totals[0] += events[0];
                    totals[1] += cpu;
                    csv.printRecord(row.values());
                    csv.flush();
                    progress.update(finished.incrementAndGet(), todo.size(), (System.nanoTime() - start) / 1e9);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results + ": " + e.getMessage(), e);
        }
        rows.sort(Comparator.comparingInt(Row::example));
        ResultsFiles.writeSorted(results, Row.header(outputs), rows.stream().map(Row::values).toList());
        return new Outcome(rows, todo.size(), totals[0], totals[1] / 1e9, (System.nanoTime() - start) / 1e9);
    }

    private static Row example(StochasticSimulator simulator, StochasticSystem system, OutputReader reader,
                               boolean[] watched, Evaluation.Example example, Settings settings, double perCrnUnit,
                               long[] eventsOut) {
        long t0 = System.nanoTime();
        long[] start = system.counts(example.start());
        int outputs = reader.outputs();
        int[] argmaxCounts = new int[outputs];
        int ties = 0;
        int completed = 0;
        double[] sum = new double[outputs];
        double[] sumSquares = new double[outputs];
        Map<String, Integer> statuses = new TreeMap<>();
        double[] settle = new double[settings.runs()];
        int settled = 0;
        long events = 0;
        double[] buffer = new double[outputs];
        for (int run = 0; run < settings.runs(); run++) {
            int[] current = {-2};
            double[] lastChange = {0};
            StochasticSimulator.Run result = simulator.run(start, settings.tMax(), settings.maxEvents(),
                    random(settings.seed(), example.id(), run), watched, (t, state) -> {
                        int a = uniqueArgmax(reader.read(state, perCrnUnit, buffer));
                        if (a != current[0]) {
                            current[0] = a;
                            lastChange[0] = t;
                        }
                    });
            events += result.events();
            statuses.merge(result.status().id(), 1, Integer::sum);
            if (!result.status().completed()) {
                continue;
            }
            completed++;
            double[] y = reader.read(result.state(), perCrnUnit);
            for (int j = 0; j < outputs; j++) {
                sum[j] += y[j];
                sumSquares[j] += y[j] * y[j];
            }
            int a = uniqueArgmax(y);
            if (a < 0) {
                ties++;
            } else {
                argmaxCounts[a]++;
            }
            settle[settled++] = lastChange[0];
        }
        double[] mean = new double[outputs];
        double[] std = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            mean[j] = completed == 0 ? Double.NaN : sum[j] / completed;
            std[j] = completed < 2 ? 0 : Math.sqrt(Math.max(0, (sumSquares[j] - completed * mean[j] * mean[j])
                    / (completed - 1)));
        }
        double[] settleTimes = Arrays.copyOf(settle, settled);
        Arrays.sort(settleTimes);
        eventsOut[0] = events;
        return new Row(example.id(), example.label(), example.expectedArgmax(), settings.runs(), completed, statuses,
                argmaxCounts, ties, mean, std, (double) events / settings.runs(), Evaluation.quantile(settleTimes, 0.5),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The index of the largest value, or -1 when it is shared (whole molecules tie often). */
    static int uniqueArgmax(double[] y) {
        int best = ForwardPass.argmax(y);
        for (int j = 0; j < y.length; j++) {
            if (j != best && y[j] == y[best]) {
                return -1;
            }
        }
        return best;
    }

    private static List<Row> read(Path results, int outputs) throws IOException {
        try (Reader reader = Files.newBufferedReader(results);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            if (!parser.getHeaderNames().equals(Row.header(outputs))) {
                throw new CrnException(results + ": its columns do not match this CRN's outputs; remove it or run "
                        + "without --resume");
            }
            List<Row> rows = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (CSVRecord r : parser) {
                Row row = Row.parse(r, outputs, results.toString());
                if (seen.add(row.example())) {
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The summary: agreement and accuracy over every completed run, statuses, events and throughput. */
    public static Map<String, Object> summarize(Outcome outcome, Settings settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Row> rows = outcome.rows();
        s.put("method", "ssa (Gillespie direct method, sum tree)");
        s.put("examples", rows.size());
        s.put("molecules_per_unit", settings.moleculesPerUnit());
        s.put("runs_per_example", settings.runs());
        s.put("seed", settings.seed());
        int runs = rows.stream().mapToInt(Row::runs).sum();
        int completed = rows.stream().mapToInt(Row::completed).sum();
        s.put("runs", runs);
        s.put("completed_runs", completed);
        Map<String, Integer> statuses = new TreeMap<>();
        rows.forEach(r -> r.statuses().forEach((k, v) -> statuses.merge(k, v, Integer::sum)));
        s.put("status_counts", statuses);
        s.put("ties", rows.stream().mapToInt(Row::ties).sum());
        long withNetwork = rows.stream().filter(r -> r.nnArgmax() >= 0 && r.completed() > 0).count();
        if (withNetwork > 0) {
            s.put("agreement", rows.stream().filter(r -> r.nnArgmax() >= 0).mapToInt(r -> r.argmaxCounts()[r.nnArgmax()])
                    .sum() / (double) rows.stream().filter(r -> r.nnArgmax() >= 0).mapToInt(Row::completed).sum());
            s.put("examples_always_agreeing", rows.stream().filter(r -> r.nnArgmax() >= 0 && r.completed() > 0
                    && r.argmaxCounts()[r.nnArgmax()] == r.completed()).count());
        }
        long labelled = rows.stream().filter(r -> r.label() >= 0 && r.completed() > 0).count();
        if (labelled > 0) {
            s.put("accuracy", rows.stream().filter(r -> r.label() >= 0).mapToInt(r -> r.argmaxCounts()[r.label()]).sum()
                    / (double) rows.stream().filter(r -> r.label() >= 0).mapToInt(Row::completed).sum());
        }
        s.put("events_per_run_median", Evaluation.quantile(rows.stream().mapToDouble(Row::eventsMean).sorted()
                .toArray(), 0.5));
        s.put("settle_time_median", Evaluation.quantile(rows.stream().mapToDouble(Row::settleTimeMedian)
                .filter(Double::isFinite).sorted().toArray(), 0.5));
        s.put("simulated_this_run", outcome.simulated());
        s.put("events_this_run", outcome.events());
        s.put("events_per_cpu_second", outcome.cpuSeconds() > 0 ? outcome.events() / outcome.cpuSeconds() : 0);
        s.put("wall_seconds", outcome.wallSeconds());
        return s;
    }
}
