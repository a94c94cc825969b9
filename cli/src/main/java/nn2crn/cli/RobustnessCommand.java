package nn2crn.cli;

import nn2crn.io.AtomicFiles;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code nn2crn robustness}: the same examples under several random draws of the rate constants. */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        header = "Simulate a CRN under random draws of its rate constants and pipetting errors.",
        description = {"Simulate a CRN under K random draws of its rate constants (log-uniform from [LOW, HIGH], and with",
                "--rate-spread uniform within +-P), with --concentration-error under K draws of pipetting errors, and",
                "once with its own rates; tabulate agreement with the network, error, convergence time, and how far",
                "the outputs move from those of the CRN's own rates. Writes DIR/robustness.csv and one folder per draw."})
final class RobustnessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    ExampleSource source;
    @Mixin
    SolverOptions solver;

    private int draws;
    private double low;
    private double high;

    @Option(names = "--draws", paramLabel = "K", defaultValue = "5", description = "Random draws (>= 1). Default: ${DEFAULT-VALUE}.")
    void setDraws(int value) {
        draws = OptionChecks.atLeast(spec, "--draws", value, 1);
    }

    @Option(names = "--low", paramLabel = "L", defaultValue = "0.1",
            description = "Smallest rate factor (log-uniform draws; 0 < L < H). Default: ${DEFAULT-VALUE}.")
    void setLow(double value) {
        low = OptionChecks.positiveFinite(spec, "--low", value);
    }

    @Option(names = "--high", paramLabel = "H", defaultValue = "10",
            description = "Largest rate factor. Default: ${DEFAULT-VALUE}.")
    void setHigh(double value) {
        high = OptionChecks.positiveFinite(spec, "--high", value);
    }

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the first draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    private List<Double> rateSpreads = List.of();
    private List<Double> concentrationErrors = List.of();

    @Option(names = "--rate-spread", split = ",", paramLabel = "P",
            description = "Also K draws with every rate constant multiplied by a factor from [1-P, 1+P], for each P given "
                    + "(nominally equal DNA gates were measured within +-65%%: 0.65).")
    void setRateSpread(List<Double> values) {
        rateSpreads = fractions("--rate-spread", values);
    }

    @Option(names = "--concentration-error", split = ",", paramLabel = "P",
            description = "Also K draws with every initial concentration (inputs, biases and, for DNA-level CRNs, fuels) "
                    + "multiplied by a factor from [1-P, 1+P], for each P given: pipetting errors.")
    void setConcentrationError(List<Double> values) {
        concentrationErrors = fractions("--concentration-error", values);
    }

    private List<Double> fractions(String option, List<Double> values) {
        for (double v : values) {
            if (!(v > 0 && v < 1)) {
                throw OptionChecks.error(spec, option + " must be fractions in (0, 1), is " + v);
            }
        }
        return List.copyOf(values);
    }

    /**
     * One simulated variant of the chemistry: its rates and its pipetting error.
     *
     * @param kind  what varies, with its size P ("rate spread 0.65"), for the curves
     */
    private record Variant(String label, String folder, String rates, double concentrationError, long seed, String kind,
                           double p) {
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: robustness in the compile folder).")
    Path out;

    @Override
    public Integer call() {
        if (!(low < high)) {
            throw OptionChecks.error(spec, "--low must be below --high (" + low + " >= " + high + ")");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        ExampleSource.Loaded loaded = source.load();
        Path dir = out != null ? out : source.defaultOut("robustness");
        double tMax = solver.tMax(SolverOptions.DEFAULT_T_MAX / Math.min(1, low));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("uniform", "rates-uniform", "uniform", 0, 0, "uniform", 0));
        for (int d = 0; d < draws; d++) {
            String rates = String.format(Locale.ROOT, "random:%s:%s:%d", low, high, seed + d);
            variants.add(new Variant(rates, "rates-draw-" + (d + 1), rates, 0, 0, "log-uniform rates", 0));
        }
        for (double spread : rateSpreads) {
            for (int d = 0; d < draws; d++) {
                String rates = String.format(Locale.ROOT, "spread:%s:%d", spread, seed + d);
                variants.add(new Variant(rates, "rate-spread-" + spread + "-draw-" + (d + 1), rates, 0, 0, "rate spread",
                        spread));
            }
        }
        for (double error : concentrationErrors) {
            for (int d = 0; d < draws; d++) {
                variants.add(new Variant(String.format(Locale.ROOT, "concentrations +-%s, draw %d", error, seed + d),
                        "concentration-error-" + error + "-draw-" + (d + 1), "uniform", error, seed + d,
                        "pipetting error", error));
            }
        }
        stdout.printf(Locale.ROOT, "robustness of %s: %d examples of %s, %d draws each, t_max %s -> %s%n",
                loaded.crn().name(), loaded.examples().size(), loaded.description(), draws, tMax, dir);
        List<ResultRow> reference = null;
        List<List<String>> table = new ArrayList<>();
        StringBuilder csv = new StringBuilder("variant,examples,completed,agreement,crn_accuracy,max_abs_error,"
                + "median_abs_error,max_output_shift,convergence_time_median,convergence_time_p90\n");
        Map<String, double[]> byKind = new java.util.LinkedHashMap<>(); // kind -> {max shift, min agreement, median t}
        for (Variant v : variants) {
            Evaluation.Settings settings = new Evaluation.Settings(tMax, solver.threads(), solver.settings(),
                    new RateSpec(v.rates()), Set.of()).withLanes(solver.lanes());
            List<Evaluation.Example> examples = v.concentrationError() > 0
                    ? Examples.withConcentrationError(loaded.examples(), v.concentrationError(), v.seed())
                    : loaded.examples();
            Evaluation.Outcome outcome = Evaluation.run(loaded.crn(), examples, settings, dir.resolve(v.folder()), false,
                    ProgressLine.of(spec.commandLine().getErr(), v.label()));
            Map<String, Object> s = Evaluation.summarize(outcome, settings);
            if (reference == null) {
                reference = outcome.rows();
            }
            double shift = 0;
            for (int i = 0; i < outcome.rows().size(); i++) {
                if (!outcome.rows().get(i).completed() || !reference.get(i).completed()) {
                    continue; // a stopped example has no final state to compare
                }
                double[] a = outcome.rows().get(i).crnOutputs();
                double[] b = reference.get(i).crnOutputs();
                for (int j = 0; j < a.length; j++) {
                    shift = Math.max(shift, Math.abs(a[j] - b[j]));
                }
            }
            String kind = v.p() > 0 ? v.kind() + " +-" + v.p() : v.kind();
            double[] k = byKind.computeIfAbsent(kind, x -> new double[]{0, 1, 0, 0, 0, v.p()});
            k[0] = Math.max(k[0], shift);
            k[1] = Math.min(k[1], s.get("agreement") instanceof Double a ? a : 1);
            k[2] += s.get("convergence_time_median") instanceof Double t ? t : 0;
            k[3]++;
            k[4] += s.get("agreement") instanceof Double a ? a : 0;
            List<String> row = List.of(v.label(), s.get("examples").toString(), s.get("completed").toString(),
                    percent(s.get("agreement")), percent(s.get("crn_accuracy")), number(s.get("max_abs_error")),
                    number(s.get("median_abs_error")), number(shift), number(s.get("convergence_time_median")),
                    number(s.get("convergence_time_p90")));
            table.add(row);
            csv.append(String.join(",", row.stream().map(c -> c.contains(",") ? "\"" + c + "\"" : c.replace("%", ""))
                    .toList())).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("robustness.csv"), csv.toString());
        curves(loaded, byKind, dir);
        stdout.print(Table.render(List.of("variant", "examples", "completed", "agreement", "crn accuracy", "max |crn - nn|",
                "median |crn - nn|", "max output shift", "median t_conv", "p90 t_conv"), table));
        // what the structure proves, and what the draws show: rates move the timing, concentrations the answer
        nn2crn.crn.CrnStructure structure = nn2crn.crn.CrnStructure.of(loaded.crn());
        stdout.println("structure: " + structure.describe());
        byKind.forEach((kind, k) -> {
            if (!kind.equals("uniform")) {
                stdout.printf(Locale.ROOT, "%s: outputs moved by at most %.3g from the CRN's own rates, lowest agreement "
                                + "%.2f%%, mean median convergence time %.3g (own rates: %.3g)%n", kind, k[0], 100 * k[1],
                        k[2] / k[3], byKind.get("uniform")[2]);
            }
        });
        stdout.println("wrote " + dir.resolve("robustness.csv"));
        stdout.flush();
        return 0;
    }

    /** Mean agreement over the draws against P, for the rate spread and the pipetting error. */
    private static void curves(ExampleSource.Loaded loaded, Map<String, double[]> byKind, Path dir) {
        Map<String, double[][]> curves = new java.util.LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("kind,p,mean_agreement,min_agreement,max_output_shift\n");
        for (String kind : List.of("rate spread", "pipetting error")) {
            List<double[]> points = new ArrayList<>();
            byKind.forEach((label, k) -> {
                if (label.startsWith(kind + " ")) {
                    points.add(new double[]{k[5], 100 * k[4] / k[3]});
                    csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", kind, k[5], k[4] / k[3], k[1], k[0]));
                }
            });
            if (!points.isEmpty()) {
                curves.put(kind, points.toArray(new double[0][]));
            }
        }
        if (!curves.isEmpty()) {
            AtomicFiles.writeString(dir.resolve("robustness-curves.csv"), csv.toString());
            nn2crn.simulate.SimulationPlots.agreementAgainstError("Robustness of " + loaded.crn().name() + " ("
                    + loaded.description() + ")", curves, dir.resolve("robustness.png"));
        }
    }

    private static String percent(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.2f%%", 100 * d) : "";
    }

    private static String number(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : "";
    }
}
