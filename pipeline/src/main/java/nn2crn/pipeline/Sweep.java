package nn2crn.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.io.AtomicFiles;
import nn2crn.simulate.SimulationPlots;
import nn2crn.train.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep: every point of a {@link SweepConfig} with every seed, run as a Spark job
 * ({@link SparkSweep}), tasks already finished skipped. Writes {@code sweep.csv} (one row per point
 * and seed), {@code pareto.csv} and {@code pareto.png} (median accuracy over the seeds against the
 * DNA cost, the Pareto front marked), and {@code summary.md} / {@code summary.json}. A point's
 * network is picked by its select split (validation), never by the evaluation split, whose
 * accuracy is reported.
 */
public final class Sweep {

    public static final String ROWS_FILE = "sweep.csv";
    public static final String PARETO_FILE = "pareto.csv";
    public static final String PLOT_FILE = "pareto.png";
    public static final String SUMMARY_MD = "summary.md";
    public static final String SUMMARY_JSON = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One point over its seeds.
     *
     * @param picked   the seed best on the select split (ties: the lower seed)
     * @param onFront  no other point is at least as accurate (median) and at most as costly (median
     *                 strands), and better in one of them
     */
    public record PointSummary(SweepConfig.Point point, List<SweepTask.Row> rows, SweepTask.Row picked,
                               double medianAccuracy, double minAccuracy, double maxAccuracy, double medianStrands,
                               double medianReactions, double minAgreement, boolean onFront) {
    }

    public record Result(SweepConfig config, Path dir, List<SweepTask.Row> rows, List<PointSummary> points,
                         int ran, double seconds) {
    }

    private Sweep() {
    }

    /**
     * @param dataDir           the data folder tasks read (null: the default location)
     * @param master            Spark master URL
     * @param sparkConf         further Spark settings, see {@link SparkSweep#run}
     */
    public static Result run(SweepConfig config, Path dir, Path dataDir, String master, Map<String, String> sparkConf,
                             PipelineLog log) {
        long start = System.nanoTime();
        List<SweepTask> tasks = new ArrayList<>();
        for (SweepConfig.Point point : config.points()) {
            for (long seed : config.seeds()) {
                String yaml = SweepConfig.pointYaml(config.baseYaml(), config.base().getParent(), point.overrides(),
                        config.name() + "-" + point.id(), seed);
                tasks.add(new SweepTask(point.id(), point.describe(), seed, yaml, dir.toAbsolutePath().toString(),
                        dataDir == null ? null : dataDir.toAbsolutePath().toString(), config.simulateLimit()));
            }
        }
        List<SweepTask.Row> rows = new ArrayList<>();
        List<SweepTask> todo = new ArrayList<>();
        for (SweepTask task : tasks) {
            SweepTask.Row done = task.finished();
            if (done != null) {
                rows.add(done);
            } else {
                todo.add(task);
            }
        }
        log.say(String.format(Locale.ROOT, "sweep %s: %d points x %d seeds = %d tasks, %d already finished; Spark master %s",
                config.name(), config.points().size(), config.seeds().size(), tasks.size(), tasks.size() - todo.size(),
                master));
        try {
            rows.addAll(SparkSweep.run(todo, master, sparkConf, log));
        } catch (SparkSweep.Interrupted e) {
            throw new ConfigException("sweep interrupted: finished tasks are kept in " + dir.resolve("points")
                    + "; run the same command again to go on");
        }
        rows.sort(Comparator.comparing((SweepTask.Row r) -> Integer.parseInt(r.point().substring(1)))
                .thenComparingLong(SweepTask.Row::seed));
        List<PointSummary> points = summarize(config, rows);
        Result result = new Result(config, dir, rows, points, todo.size(), (System.nanoTime() - start) / 1e9);
        write(result);
        return result;
    }

    static List<PointSummary> summarize(SweepConfig config, List<SweepTask.Row> rows) {
        List<PointSummary> out = new ArrayList<>();
        for (SweepConfig.Point point : config.points()) {
            List<SweepTask.Row> mine = rows.stream().filter(r -> r.point().equals(point.id())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            SweepTask.Row picked = mine.stream().max(Comparator.comparingDouble(SweepTask.Row::selectAccuracy)
                    .thenComparing(Comparator.comparingLong(SweepTask.Row::seed).reversed())).orElseThrow();
            double[] acc = mine.stream().mapToDouble(SweepTask.Row::evaluationAccuracy).sorted().toArray();
            out.add(new PointSummary(point, mine, picked, median(acc), acc[0], acc[acc.length - 1],
                    median(mine.stream().mapToDouble(SweepTask.Row::dnaStrands).sorted().toArray()),
                    median(mine.stream().mapToDouble(SweepTask.Row::reactions).sorted().toArray()),
                    mine.stream().mapToDouble(r -> r.agreement() == null ? Double.NaN : r.agreement()).min().orElse(1),
                    false));
        }
        List<PointSummary> marked = new ArrayList<>();
        for (PointSummary p : out) {
            boolean dominated = out.stream().anyMatch(q -> q != p && q.medianAccuracy() >= p.medianAccuracy()
                    && q.medianStrands() <= p.medianStrands()
                    && (q.medianAccuracy() > p.medianAccuracy() || q.medianStrands() < p.medianStrands()));
            marked.add(new PointSummary(p.point(), p.rows(), p.picked(), p.medianAccuracy(), p.minAccuracy(),
                    p.maxAccuracy(), p.medianStrands(), p.medianReactions(), p.minAgreement(), !dominated));
        }
        return marked;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void write(Result result) {
        Path dir = result.dir();
        StringBuilder csv = new StringBuilder("point,overrides,seed,architecture,select_split,select_accuracy,"
                + "evaluation_split,evaluation_accuracy,crn,simulated,agreement,species,reactions,total_products,"
                + "max_fan_out,dna_strands,dna_nt,dna_fuels,pruned_units,seconds\n");
        for (SweepTask.Row r : result.rows()) {
            csv.append(String.join(",", List.of(r.point(), quote(r.overrides()), Long.toString(r.seed()), r.architecture(),
                    r.selectSplit(), Double.toString(r.selectAccuracy()), r.evaluationSplit(),
                    Double.toString(r.evaluationAccuracy()), r.crn(), Integer.toString(r.simulated()),
                    r.agreement() == null ? "" : Double.toString(r.agreement()), Integer.toString(r.species()),
                    Integer.toString(r.reactions()), Integer.toString(r.totalProducts()), Integer.toString(r.maxFanOut()),
                    Integer.toString(r.dnaStrands()), Long.toString(r.dnaNucleotides()), Integer.toString(r.dnaFuels()),
                    Integer.toString(r.prunedUnits()), String.format(Locale.ROOT, "%.1f", r.seconds())))).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(ROWS_FILE), csv.toString());

        StringBuilder pareto = new StringBuilder("point,overrides,on_front,median_accuracy,min_accuracy,max_accuracy,"
                + "picked_seed,picked_accuracy,median_strands,median_reactions,min_agreement\n");
        List<List<String>> table = new ArrayList<>();
        for (PointSummary p : result.points()) {
            pareto.append(String.join(",", List.of(p.point().id(), quote(p.point().describe()), Boolean.toString(p.onFront()),
                    Double.toString(p.medianAccuracy()), Double.toString(p.minAccuracy()), Double.toString(p.maxAccuracy()),
                    Long.toString(p.picked().seed()), Double.toString(p.picked().evaluationAccuracy()),
                    Double.toString(p.medianStrands()), Double.toString(p.medianReactions()),
                    Double.toString(p.minAgreement())))).append('\n');
            table.add(List.of(p.point().id(), p.point().describe(), p.onFront() ? "yes" : "",
                    String.format(Locale.ROOT, "%s [%s, %s]", RunReport.percent(p.medianAccuracy()),
                            RunReport.percent(p.minAccuracy()), RunReport.percent(p.maxAccuracy())),
                    p.picked().seed() + ": " + RunReport.percent(p.picked().evaluationAccuracy()),
                    String.format(Locale.ROOT, "%.0f", p.medianStrands()), String.format(Locale.ROOT, "%.0f",
                            p.medianReactions()), RunReport.percent(p.minAgreement())));
        }
        AtomicFiles.writeString(dir.resolve(PARETO_FILE), pareto.toString());
        plot(result, dir.resolve(PLOT_FILE));

        SweepConfig c = result.config();
        String split = result.rows().isEmpty() ? "" : result.rows().get(0).evaluationSplit();
        String select = result.rows().isEmpty() ? "" : result.rows().get(0).selectSplit();
        StringBuilder md = new StringBuilder("# Sweep " + c.name() + "\n\n");
        if (c.description() != null) {
            md.append(c.description()).append("\n\n");
        }
        md.append("Base `").append(c.base()).append("`, seeds ").append(c.seeds()).append(". Accuracy: the binarized "
                + "network on the ").append(split).append(" split, median [min, max] over the seeds; picked: the seed "
                + "best on the ").append(select).append(" split (never chosen by the evaluation split). Cost: the "
                + "rate-independent CRN (the reduced one where the config compiles it) and its soloveichik2010 DNA design "
                + "(distinct strands), medians over the seeds. CRN = NN: the lowest agreement of a seed's CRN with its "
                + "network over the simulated examples.\n\n");
        md.append(RunReport.markdownTable(List.of("point", "overrides", "Pareto front", "accuracy median [min, max]",
                "picked seed: accuracy", "DNA strands", "CRN reactions", "CRN = NN"), table)).append('\n');
        md.append("![Pareto plot](").append(PLOT_FILE).append(")\n\n");
        md.append(String.format(Locale.ROOT, "%d tasks run now (%d were finished), %.1f s.%n", result.ran(),
                result.rows().size() - result.ran(), result.seconds()));
        AtomicFiles.writeString(dir.resolve(SUMMARY_MD), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sweep", c.name());
        json.put("base", c.base().toString());
        json.put("seeds", c.seeds());
        json.put("points", result.points().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", p.point().id());
            m.put("overrides", p.point().overrides());
            m.put("on_front", p.onFront());
            m.put("median_accuracy", p.medianAccuracy());
            m.put("min_accuracy", p.minAccuracy());
            m.put("max_accuracy", p.maxAccuracy());
            m.put("picked_seed", p.picked().seed());
            m.put("picked_accuracy", p.picked().evaluationAccuracy());
            m.put("median_strands", p.medianStrands());
            m.put("median_reactions", p.medianReactions());
            m.put("min_agreement", p.minAgreement());
            return m;
        }).toList());
        json.put("tasks_run", result.ran());
        json.put("seconds", result.seconds());
        try {
            AtomicFiles.writeString(dir.resolve(SUMMARY_JSON), JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void plot(Result result, Path file) {
        List<double[]> all = new ArrayList<>();
        List<double[]> front = new ArrayList<>();
        for (PointSummary p : result.points()) {
            double[] xy = {p.medianStrands(), 100 * p.medianAccuracy()};
            all.add(xy);
            if (p.onFront()) {
                front.add(xy);
            }
        }
        front.sort(Comparator.comparingDouble(xy -> xy[0]));
        SimulationPlots.pareto("Sweep " + result.config().name() + ": accuracy against DNA cost", all, front, file);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
