package nn2crn.cli;

import nn2crn.io.AtomicFiles;
import nn2crn.simulate.MoleculeCounts;
import nn2crn.simulate.SimulationPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn molecules}: accuracy and agreement against the number of molecules per network unit. */
@Command(name = "molecules", mixinStandardHelpOptions = true,
        header = "Accuracy and agreement with the network at whole numbers of molecules per unit.",
        description = {"Accuracy and agreement with the network when every concentration c is round(N c) whole molecules,",
                "for each N of --counts. A rate-independent CRN's final state is computed exactly (every reaction fires a",
                "fixed number of times) and confirmed by SSA on a sample; any other CRN is simulated by SSA ensembles.",
                "Writes DIR/molecules.csv, DIR/molecules.png and DIR/summary.json."})
final class MoleculesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    ExampleSource source;
    @Mixin
    ThreadsOption threads;

    private double[] counts = {3, 10, 30, 100, 1000};
    private int ssaSample = 10;
    private int runs = 5;

    @Option(names = "--counts", split = ",", paramLabel = "N", defaultValue = "3,10,30,100,1000",
            description = "Molecules per network unit to try. Default: ${DEFAULT-VALUE}.")
    void setCounts(List<Double> values) {
        for (double v : values) {
            OptionChecks.positiveFinite(spec, "--counts", v);
        }
        counts = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Option(names = "--ssa-sample", paramLabel = "K", defaultValue = "10",
            description = "Exact CRNs: examples whose final state is confirmed by SSA at each N. Default: ${DEFAULT-VALUE}.")
    void setSsaSample(int value) {
        ssaSample = OptionChecks.atLeast(spec, "--ssa-sample", value, 0);
    }

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5",
            description = "SSA runs per example (the check, or the ensemble). Default: ${DEFAULT-VALUE}.")
    void setRuns(int value) {
        runs = OptionChecks.atLeast(spec, "--runs", value, 1);
    }

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "SSA seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    private double tMax = 50;

    @Option(names = "--t-max", paramLabel = "T", defaultValue = "50",
            description = "SSA ensembles (not rate-independent CRNs): time of the read-out, in the CRN's time "
                    + "unit (dimensionless for a compiled CRN, seconds for a DNA design). Default: ${DEFAULT-VALUE}.")
    void setTMax(double value) {
        tMax = OptionChecks.positiveFinite(spec, "--t-max", value);
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: molecules in the compile folder).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        ExampleSource.Loaded loaded = source.load();
        Path dir = out != null ? out : source.defaultOut("molecules");
        boolean exact = MoleculeCounts.exact(loaded.crn());
        stdout.printf(Locale.ROOT, "molecules per unit for %s: %d examples of %s, %s%n", loaded.crn().name(),
                loaded.examples().size(), loaded.description(), exact
                        ? "exact final states (rate-independent), SSA check of " + ssaSample + " examples x " + runs + " runs"
                        : "SSA ensembles of " + runs + " runs to t = " + tMax + " (not rate-independent)");
        stdout.flush();
        List<MoleculeCounts.Point> points = exact
                ? MoleculeCounts.exact(loaded.crn(), loaded.examples(), counts, ssaSample, runs, seed)
                : MoleculeCounts.sampled(loaded.crn(), loaded.examples(), counts, runs, tMax, seed, threads.count(), dir,
                ProgressLine.of(spec.commandLine().getErr(), "simulated"));
        StringBuilder csv = new StringBuilder("molecules_per_unit,method,examples,accuracy,agreement,ties,ssa_checked,"
                + "ssa_matching\n");
        List<List<String>> table = new ArrayList<>();
        for (MoleculeCounts.Point p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%d,%d%n", p.moleculesPerUnit(), p.method(),
                    p.examples(), p.accuracy() == null ? "" : p.accuracy(), p.agreement() == null ? "" : p.agreement(),
                    p.ties(), p.ssaChecked(), p.ssaMatching()));
            table.add(List.of(nn2crn.crn.CrnText.number(p.moleculesPerUnit()), percent(p.accuracy()),
                    percent(p.agreement()), Integer.toString(p.ties()),
                    exact ? p.ssaMatching() + "/" + p.ssaChecked() : ""));
        }
        AtomicFiles.writeString(dir.resolve("molecules.csv"), csv.toString());
        SimulationPlots.moleculeCounts("Whole molecules: " + loaded.crn().name() + " (" + loaded.description() + ")",
                points, dir.resolve("molecules.png"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("crn", source.crnPath.toString());
        summary.put("method", exact ? "exact" : "ssa");
        summary.put("points", points);
        summary.put("molecules_for_99_percent_agreement", MoleculeCounts.needed(points, 0.99));
        nn2crn.simulate.Evaluation.writeSummary(summary, dir.resolve("summary.json"));
        stdout.print(Table.render(List.of("molecules / unit", "accuracy", "agreement", exact ? "ties (examples)"
                : "ties (runs)", exact ? "SSA = exact" : ""), table));
        Double needed = MoleculeCounts.needed(points, 0.99);
        stdout.println(needed == null ? "agreement stays below 99% up to " + nn2crn.crn.CrnText.number(counts[counts.length - 1])
                + " molecules per unit" : "99% agreement from " + nn2crn.crn.CrnText.number(needed) + " molecules per unit on");
        stdout.println("wrote " + dir.resolve("molecules.csv") + ", molecules.png and summary.json");
        stdout.flush();
        return 0;
    }

    private static String percent(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
