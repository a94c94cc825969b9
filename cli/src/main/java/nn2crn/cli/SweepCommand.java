package nn2crn.cli;

import nn2crn.pipeline.Sweep;
import nn2crn.pipeline.SweepConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nn2crn sweep SWEEP.yaml}: a grid of configs and seeds, trained, compiled, checked and costed as a Spark job. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Train, compile and cost every point of a sweep as a Spark job.",
        description = {"Run every point of a sweep (a base config, a grid or list of overrides, seeds) as a Spark job:",
                "train, compile the rate-independent CRN, check it by simulation, and cost it as a CRN and as a DNA design.",
                "Writes DIR/sweep.csv, DIR/pareto.csv, DIR/pareto.png and DIR/summary.md; finished points are skipped."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    ThreadsOption threads;

    @Parameters(paramLabel = "SWEEP", description = "Sweep file, e.g. configs/sweeps/iris-budget.yaml.")
    Path sweepFile;

    @Mixin
    SparkOptions spark;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/sweeps/<sweep name>).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, String> sparkConf = spark.conf();
        SweepConfig config = SweepConfig.load(sweepFile);
        Path dir = out != null ? out : Path.of("runs", "sweeps", config.name());
        String url = spark.master != null ? spark.master : "local[" + threads.count() + "]";
        Sweep.Result result = Sweep.run(config, dir, data.store().location().dir(), url, sparkConf,
                new ConsoleLog(stdout, spec.commandLine().getErr()));
        List<List<String>> rows = result.points().stream().map(p -> List.of(p.point().id(), p.point().describe(),
                p.onFront() ? "yes" : "", String.format(Locale.ROOT, "%.2f%%", 100 * p.medianAccuracy()),
                String.format(Locale.ROOT, "%.0f", p.medianStrands()), String.format(Locale.ROOT, "%.0f",
                        p.medianReactions()))).toList();
        stdout.print(Table.render(List.of("point", "overrides", "front", "median accuracy", "DNA strands", "reactions"),
                rows));
        stdout.printf(Locale.ROOT, "wrote %s, %s, %s and %s in %s (%.1f s)%n", Sweep.ROWS_FILE, Sweep.PARETO_FILE,
                Sweep.PLOT_FILE, Sweep.SUMMARY_MD, dir, result.seconds());
        stdout.flush();
        return 0;
    }
}
