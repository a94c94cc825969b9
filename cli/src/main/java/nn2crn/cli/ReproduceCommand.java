package nn2crn.cli;

import nn2crn.datasets.DataStore;
import nn2crn.io.AtomicFiles;
import nn2crn.train.ConfigException;
import nn2crn.train.ConfigLoader;
import nn2crn.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn reproduce}: the paper's table, from scratch, with the paper's figures beside ours. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run the paper's configurations (train, compile, simulate) and write DIR/table.md and",
                "DIR/table.csv with the published figures beside ours; each run's report is in DIR/<config>/."})
final class ReproduceCommand implements Callable<Integer> {

    /** MNIST examples simulated with --quick (a fixed seeded sample of the test set). */
    static final int QUICK_SAMPLE = 500;

    /** The configs of each dataset. */
    static final Map<String, List<String>> CONFIGS = Map.of(
            "iris", List.of("iris", "iris-smooth"),
            "virus", List.of("virus", "virus-smooth"),
            "mnist", List.of("mnist"));

    /**
     * The figures of Vasic et al. (ICML 2020) for their published networks and CRNs: accuracy,
     * examples where CRN = NN, species / reactions (reduced).
     */
    static final Map<String, String> PAPER = Map.of(
            "iris", "94.0% (all, 150); 150/150; 54 / 40 (22 / 8)",
            "virus", "98.1% (test, 104); 100/100 simulated; 68 / 52 (24 / 8)",
            "mnist", "93.9% (test, 10,000); 100/100 simulated; 732 / 648 (148 / 64)");

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Parameters(paramLabel = "WHAT", description = "iris, virus, mnist or all (all adds mnist-large).")
    String what;

    @Option(names = "--quick", description = "Simulate a fixed seeded sample of " + QUICK_SAMPLE
            + " MNIST test images instead of all 10,000 (the table says so).")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/reproduce).")
    Path out;

    @Option(names = "--configs", paramLabel = "DIR", description = "Folder of the shipped configs (default: configs/ "
            + "here, else beside the nn2crn installation).")
    Path configsDir;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> datasets = switch (what) {
            case "iris", "virus", "mnist" -> List.of(what);
            case "all" -> List.of("iris", "virus", "mnist", "mnist-large");
            default -> throw new ConfigException("reproduce: '" + what + "' is not one of iris, virus, mnist, all");
        };
        Path configs = configsFolder();
        // every config is read and checked before any work starts
        Map<String, TrainConfig> loaded = new LinkedHashMap<>();
        for (String dataset : datasets) {
            for (String name : dataset.equals("mnist-large") ? List.of("mnist-large") : CONFIGS.get(dataset)) {
                loaded.put(name, ConfigLoader.load(configs.resolve(name + ".yaml")));
            }
        }
        Path dir = out != null ? out : Path.of("runs", "reproduce");
        DataStore store = data.store();
        RunPipeline pipeline = new RunPipeline(stdout, spec.commandLine().getErr(), threads.count());
        List<RunPipeline.Result> results = new ArrayList<>();
        long start = System.nanoTime();
        for (Map.Entry<String, TrainConfig> e : loaded.entrySet()) {
            boolean sample = quick && e.getValue().dataset().name().equals("mnist");
            results.add(pipeline.run(e.getValue(), configs.resolve(e.getKey() + ".yaml").toString(),
                    dir.resolve(e.getKey()), store, sample ? QUICK_SAMPLE : 0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<List<String>> rows = new ArrayList<>();
        for (RunPipeline.Result r : results) {
            for (RunPipeline.Row row : r.rows()) {
                List<String> cells = new ArrayList<>(RunReport.tableRow(row));
                boolean paperRow = row.scheme().equals("rate-independent") && !row.reduced()
                        && PAPER.containsKey(r.config().name());
                cells.add(paperRow ? PAPER.get(r.config().name()) : "");
                rows.add(cells);
            }
        }
        List<String> header = new ArrayList<>(RunReport.TABLE_HEADER);
        header.add("paper: NN acc; CRN = NN; species / reactions (reduced)");
        writeTable(dir, header, rows, results, seconds);
        stdout.println();
        stdout.print(Table.render(header, rows));
        stdout.printf(Locale.ROOT, "wrote %s and table.csv (%.1f s)%n", dir.resolve("table.md"), seconds);
        stdout.flush();
        return 0;
    }

    private void writeTable(Path dir, List<String> header, List<List<String>> rows, List<RunPipeline.Result> results,
                            double seconds) {
        StringBuilder md = new StringBuilder("# nn2crn reproduce " + what + (quick ? " --quick" : "") + "\n\n");
        md.append(RunReport.markdownTable(header, rows)).append('\n');
        if (quick) {
            md.append("MNIST rows simulate a fixed seeded sample of ").append(QUICK_SAMPLE)
                    .append(" test images (`--quick`); the network's accuracy is over the same sample.\n\n");
        }
        md.append("Paper: Vasic, Chalk, Khurshid, Soloveichik, *Deep Molecular Programming*, ICML 2020 (their "
                + "published networks and CRNs; their CRN = NN checks simulated 100 examples per dataset). Ours: "
                + "networks trained here from the configs, CRNs compiled from them, every example of the split "
                + "simulated.\n\n");
        md.append("Per config (kinetics plots, CRN sizes, rate robustness, training curves):\n\n");
        for (RunPipeline.Result r : results) {
            md.append("- [").append(r.config().name()).append("](").append(r.config().name()).append("/")
                    .append(RunReport.MARKDOWN).append(")\n");
        }
        md.append('\n');
        for (RunPipeline.Result r : results) {
            if (!r.rows().isEmpty()) {
                RunPipeline.Row first = r.rows().get(0);
                int id = r.config().simulate().plotExamples().isEmpty() ? -1 : r.config().simulate().plotExamples().get(0);
                if (id >= 0 && Files.exists(r.runDir().resolve(first.folder()).resolve("trajectory-" + id + ".png"))) {
                    md.append("![").append(r.config().name()).append(" example ").append(id).append("](")
                            .append(r.config().name()).append('/').append(first.folder()).append("/trajectory-")
                            .append(id).append(".png)\n");
                }
            }
        }
        md.append(String.format(Locale.ROOT, "%nCommand: `nn2crn reproduce %s%s`, %.1f s; ", what, quick ? " --quick" : "",
                seconds));
        List<String> versions = new ArrayList<>();
        RunReport.versions().forEach((k, v) -> versions.add(k + " " + v));
        md.append(String.join(", ", versions)).append(".\n");
        AtomicFiles.writeString(dir.resolve("table.md"), md.toString());

        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", header.stream().map(ReproduceCommand::csvCell).toList())).append('\n');
        rows.forEach(r -> csv.append(String.join(",", r.stream().map(ReproduceCommand::csvCell).toList())).append('\n'));
        AtomicFiles.writeString(dir.resolve("table.csv"), csv.toString());
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private Path configsFolder() {
        if (configsDir != null) {
            return configsDir;
        }
        Path here = Path.of("configs");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            // the jar is <root>/cli/target/nn2crn-cli.jar
            Path jar = Path.of(ReproduceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent().getParent().getParent().resolve("configs");
            if (Files.isDirectory(beside)) {
                return beside;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the error below
        }
        throw new ConfigException("no configs/ folder here or beside the installation: give --configs DIR");
    }
}
