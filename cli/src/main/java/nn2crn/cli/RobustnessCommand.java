package nn2crn.cli;

import nn2crn.io.AtomicFiles;
import nn2crn.simulate.Evaluation;
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
        description = {"Simulate a CRN under K random draws of its rate constants (and once with its own rates) and",
                "tabulate agreement with the network, error, convergence time, and how far the outputs move",
                "from those of the CRN's own rates. Writes DIR/robustness.csv and one folder per draw."})
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
        List<String> specs = new ArrayList<>();
        specs.add("uniform");
        for (int d = 0; d < draws; d++) {
            specs.add(String.format(Locale.ROOT, "random:%s:%s:%d", low, high, seed + d));
        }
        stdout.printf(Locale.ROOT, "rate robustness of %s: %d examples of %s, %d draws from [%s, %s], t_max %s -> %s%n",
                loaded.crn().name(), loaded.examples().size(), loaded.description(), draws, low, high, tMax, dir);
        List<ResultRow> reference = null;
        List<List<String>> table = new ArrayList<>();
        StringBuilder csv = new StringBuilder("rates,examples,completed,agreement,crn_accuracy,max_abs_error,max_output_shift,"
                + "convergence_time_median,convergence_time_p90\n");
        for (int k = 0; k < specs.size(); k++) {
            Evaluation.Settings settings = new Evaluation.Settings(tMax, solver.threads(), solver.settings(),
                    new RateSpec(specs.get(k)), Set.of());
            Evaluation.Outcome outcome = Evaluation.run(loaded.crn(), loaded.examples(), settings,
                    dir.resolve(k == 0 ? "rates-uniform" : "rates-draw-" + k), false,
                    new ProgressLine(spec.commandLine().getErr(), specs.get(k)));
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
            List<String> row = List.of(specs.get(k), s.get("examples").toString(), s.get("completed").toString(),
                    percent(s.get("agreement")),
                    percent(s.get("crn_accuracy")), number(s.get("max_abs_error")), number(shift),
                    number(s.get("convergence_time_median")), number(s.get("convergence_time_p90")));
            table.add(row);
            csv.append(String.join(",", row.stream().map(v -> v.replace("%", "")).toList())).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("robustness.csv"), csv.toString());
        stdout.print(Table.render(List.of("rates", "examples", "completed", "agreement", "crn accuracy", "max |crn - nn|",
                "max output shift", "median t_conv", "p90 t_conv"), table));
        stdout.println("wrote " + dir.resolve("robustness.csv"));
        stdout.flush();
        return 0;
    }

    private static String percent(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.2f%%", 100 * d) : "";
    }

    private static String number(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : "";
    }
}
