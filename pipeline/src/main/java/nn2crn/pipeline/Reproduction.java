package nn2crn.pipeline;

import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.io.AtomicFiles;
import nn2crn.train.ConfigException;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import nn2crn.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The paper's table, honestly: each paper config is trained with several seeds (in parallel, one
 * OpenMP thread each), the network that is compiled and simulated is the seed best on the config's
 * select split (validation; never the test split), and the table gives both that network's figures
 * and the median, min and max of the evaluation accuracy over the seeds.
 */
public final class Reproduction {

    /** MNIST examples simulated with quick (a fixed seeded sample of the test set). */
    public static final int QUICK_SAMPLE = 500;
    public static final int DEFAULT_SEEDS = 5;

    /** The configs of each dataset; "all" adds mnist-large. */
    public static final Map<String, List<String>> CONFIGS = Map.of(
            "iris", List.of("iris", "iris-smooth"),
            "virus", List.of("virus", "virus-smooth"),
            "mnist", List.of("mnist"));

    /**
     * The figures of Vasic et al. (ICML 2020) for their published networks and CRNs: accuracy,
     * examples where CRN = NN, species / reactions (reduced).
     */
    public static final Map<String, String> PAPER = Map.of(
            "iris", "94.0% (all, 150); 150/150; 54 / 40 (22 / 8)",
            "virus", "98.1% (test, 104); 100/100 simulated; 68 / 52 (24 / 8)",
            "mnist", "93.9% (test, 10,000); 100/100 simulated; 732 / 648 (148 / 64)");

    public static final String TABLE = "table.md";
    public static final String TABLE_CSV = "table.csv";

    /**
     * One seed's training: its accuracy on the select split (what picks) and on the evaluation split
     * (what is reported).
     */
    public record Seed(long seed, double selectAccuracy, double evaluationAccuracy, Path trainDir) {
    }

    /** One paper config: every seed, the picked one, and the pipeline's run of the picked network. */
    public record ConfigResult(String name, String selectSplit, String evaluationSplit, List<Seed> seeds, Seed picked,
                               RunPipeline.Result run) {

        public double median() {
            return Sweep.median(seeds.stream().mapToDouble(Seed::evaluationAccuracy).sorted().toArray());
        }

        public double min() {
            return seeds.stream().mapToDouble(Seed::evaluationAccuracy).min().orElse(Double.NaN);
        }

        public double max() {
            return seeds.stream().mapToDouble(Seed::evaluationAccuracy).max().orElse(Double.NaN);
        }
    }

    public record Result(String what, boolean quick, List<ConfigResult> configs, List<String> header,
                         List<List<String>> rows, double seconds) {
    }

    private final PipelineLog log;
    private final int threads;
    private final nn2crn.simulate.Evaluation.Engine engine;

    public Reproduction(PipelineLog log, int threads) {
        this(log, threads, nn2crn.simulate.Evaluation.LOCAL);
    }

    /** @param engine where the simulations run (see {@link RunPipeline#RunPipeline(PipelineLog, int, nn2crn.simulate.Evaluation.Engine)}) */
    public Reproduction(PipelineLog log, int threads, nn2crn.simulate.Evaluation.Engine engine) {
        this.log = log;
        this.threads = threads;
        this.engine = engine;
    }

    /** The config names of {@code iris}, {@code virus}, {@code mnist} or {@code all}. */
    public static List<String> configNames(String what) {
        return switch (what) {
            case "iris", "virus", "mnist" -> CONFIGS.get(what);
            case "all" -> List.of("iris", "iris-smooth", "virus", "virus-smooth", "mnist", "mnist-large");
            default -> throw new ConfigException("reproduce: '" + what + "' is not one of iris, virus, mnist, all");
        };
    }

    public Result run(String what, boolean quick, Path configs, Path dir, DataStore store, int seeds) {
        // every config is read and checked before any work starts
        Map<String, TrainConfig> loaded = new LinkedHashMap<>();
        for (String name : configNames(what)) {
            loaded.put(name, ConfigLoader.load(configs.resolve(name + ".yaml")));
        }
        long start = System.nanoTime();
        RunPipeline pipeline = new RunPipeline(log, threads, engine);
        List<ConfigResult> results = new ArrayList<>();
        for (Map.Entry<String, TrainConfig> e : loaded.entrySet()) {
            TrainConfig config = e.getValue();
            Path configDir = dir.resolve(e.getKey());
            List<Seed> trained = trainSeeds(config, configDir, store, seeds);
            Seed picked = trained.stream().max(Comparator.comparingDouble(Seed::selectAccuracy)
                    .thenComparing(Comparator.comparingLong(Seed::seed).reversed())).orElseThrow();
            log.say(String.format(Locale.ROOT, "%s: seeds %s; picked seed %d (best on %s, %.2f%%)", config.name(),
                    trained.stream().map(s -> String.format(Locale.ROOT, "%d: %.2f%%", s.seed(), 100 * s.evaluationAccuracy()))
                            .toList(), picked.seed(), config.dataset().selectSplit(), 100 * picked.selectAccuracy()));
            boolean sample = quick && config.dataset().name().equals("mnist");
            RunPipeline.Result run = pipeline.run(config.withSeed(picked.seed()), configs.resolve(e.getKey() + ".yaml")
                    .toString(), configDir, picked.trainDir(), store, sample ? QUICK_SAMPLE : 0);
            results.add(new ConfigResult(config.name(), config.dataset().selectSplit(), evaluationSplit(config),
                    trained, picked, run));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> header = new ArrayList<>(RunReport.TABLE_HEADER);
        header.add("seeds: NN acc median [min, max] (picked)");
        header.add("paper: NN acc; CRN = NN; species / reactions (reduced)");
        List<List<String>> rows = new ArrayList<>();
        for (ConfigResult r : results) {
            boolean first = true;
            for (RunPipeline.Row row : r.run().rows()) {
                List<String> cells = new ArrayList<>(RunReport.tableRow(row));
                cells.add(first ? String.format(Locale.ROOT, "%s [%s, %s] of %d (seed %d, best on %s)",
                        RunReport.percent(r.median()), RunReport.percent(r.min()), RunReport.percent(r.max()),
                        r.seeds().size(), r.picked().seed(), r.selectSplit()) : "");
                boolean paperRow = row.scheme().equals("rate-independent") && !row.reduced() && PAPER.containsKey(r.name());
                cells.add(paperRow ? PAPER.get(r.name()) : "");
                rows.add(cells);
                first = false;
            }
        }
        Result result = new Result(what, quick, results, header, rows, seconds);
        writeTable(dir, result);
        return result;
    }

    private static String evaluationSplit(TrainConfig config) {
        if (config.simulate().split() != null) {
            return config.simulate().split();
        }
        return config.dataset().name().equals("iris") ? "all" : "test";
    }

    /** Trains (or reuses) seeds 1..n of a config, several at once. */
    private List<Seed> trainSeeds(TrainConfig config, Path configDir, DataStore store, int n) {
        Dataset dataset = config.loadDataset(store);
        String evaluation = evaluationSplit(config);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "nn2crn-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Seed>> futures = new ArrayList<>();
            for (long seed = 1; seed <= n; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> {
                    TrainConfig seeded = config.withSeed(s);
                    Path trainDir = configDir.resolve("seeds").resolve("seed-" + s).resolve("train");
                    if (!Trainer.isFinished(trainDir, seeded)) {
                        long t0 = System.nanoTime();
                        new Trainer(line -> { }).train(seeded, dataset, trainDir, Files.exists(
                                trainDir.resolve(Trainer.CHECKPOINT_FILE)));
                        log.say(String.format(Locale.ROOT, "%s: seed %d trained (%.1f s)", config.name(), s,
                                (System.nanoTime() - t0) / 1e9));
                    }
                    Map<String, Double> accuracy = Trainer.accuracy(trainDir);
                    return new Seed(s, accuracy.get(config.dataset().selectSplit()), accuracy.get(evaluation), trainDir);
                }));
            }
            List<Seed> seeds = new ArrayList<>();
            for (Future<Seed> f : futures) {
                seeds.add(f.get());
            }
            return seeds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted; finished seeds are kept in " + configDir.resolve("seeds"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void writeTable(Path dir, Result result) {
        StringBuilder md = new StringBuilder("# nn2crn reproduce " + result.what() + (result.quick() ? " --quick" : "")
                + "\n\n");
        md.append(RunReport.markdownTable(result.header(), result.rows())).append('\n');
        if (result.quick()) {
            md.append("MNIST rows simulate a fixed seeded sample of ").append(QUICK_SAMPLE)
                    .append(" test images (`--quick`); the network's accuracy is over the same sample.\n\n");
        }
        md.append("Each config is trained with seeds 1 to ").append(result.configs().isEmpty() ? DEFAULT_SEEDS
                : result.configs().get(0).seeds().size()).append("; the network compiled and simulated is the seed best "
                + "on the config's select split (validation for virus and MNIST; Iris, as in the paper, has no held-out "
                + "data, so its select split is the evaluation split and its median is the honest figure). The seeds "
                + "column gives the median, min and max of the network's accuracy on the evaluation split over the "
                + "seeds.\n\n");
        md.append("Paper: Vasic, Chalk, Khurshid, Soloveichik, *Deep Molecular Programming*, ICML 2020 (their "
                + "published networks and CRNs; their CRN = NN checks simulated 100 examples per dataset). Ours: "
                + "networks trained here from the configs, CRNs compiled from them, every example of the split "
                + "simulated.\n\n");
        md.append("Per config (kinetics plots, CRN sizes, rate robustness, DNA, training curves):\n\n");
        for (ConfigResult r : result.configs()) {
            md.append("- [").append(r.name()).append("](").append(r.name()).append("/").append(RunReport.MARKDOWN)
                    .append("): seeds ").append(r.seeds().stream().map(s -> s.seed() + " "
                            + RunReport.percent(s.evaluationAccuracy())).toList()).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nCommand: `nn2crn reproduce %s%s`, %.1f s; ", result.what(),
                result.quick() ? " --quick" : "", result.seconds()));
        List<String> versions = new ArrayList<>();
        Versions.all().forEach((k, v) -> versions.add(k + " " + v));
        md.append(String.join(", ", versions)).append(".\n");
        AtomicFiles.writeString(dir.resolve(TABLE), md.toString());

        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", result.header().stream().map(Reproduction::csvCell).toList())).append('\n');
        result.rows().forEach(r -> csv.append(String.join(",", r.stream().map(Reproduction::csvCell).toList())).append('\n'));
        AtomicFiles.writeString(dir.resolve(TABLE_CSV), csv.toString());
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
