package nn2crn.cli;

import nn2crn.simulate.Evaluation;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.SimulationPlots;
import nn2crn.simulate.StochasticEvaluation;
import nn2crn.simulate.TimeCourse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn simulate}: integrate a CRN's mass-action ODEs for many examples and compare with the network. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a CRN (mass-action ODEs) on a dataset split, or on a table of initial concentrations.",
                "Writes DIR/results.csv (one row per example, appended as they finish), DIR/summary.json,",
                "output trajectories (--plot-examples) and a histogram of convergence times."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    ExampleSource source;
    @Mixin
    SolverOptions solver;

    @Option(names = "--rates", paramLabel = "SPEC", defaultValue = "uniform",
            description = "uniform (the CRN's rate constants), random:LOW:HIGH:SEED (each multiplied by a log-uniform "
                    + "factor from [LOW, HIGH]) or a file with one rate constant per reaction. Default: ${DEFAULT-VALUE}.")
    String rates;

    @Option(names = "--plot-examples", split = ",", paramLabel = "IDS",
            description = "Examples whose output trajectories are plotted (and written as CSV), e.g. 0,5,7.")
    List<Integer> plotExamples = new ArrayList<>();

    @Option(names = "--time-course", paramLabel = "TIMES",
            description = "Also write DIR/time-course.csv: for every example, the values at these times, given as a list "
                    + "(0,1,5,10) or as START:STOP:STEP; the integration stops exactly at each time.")
    String timeCourse;

    @Option(names = "--time-course-species", split = ",", paramLabel = "NAMES",
            description = "Species written to time-course.csv (default: the outputs, each as its + rail minus its - rail).")
    List<String> timeCourseSpecies = new ArrayList<>();

    @Option(names = "--resume", description = "Keep the rows already in DIR/results.csv and simulate only the others.")
    boolean resume;

    @Option(names = "--method", paramLabel = "M", defaultValue = "ode",
            description = "ode (mass-action ODEs) or ssa (exact stochastic simulation, Gillespie's direct method, with "
                    + "whole molecules). Default: ${DEFAULT-VALUE}.")
    void setMethod(String value) {
        if (!value.equals("ode") && !value.equals("ssa")) {
            throw OptionChecks.error(spec, "--method: '" + value + "' is not one of ode, ssa");
        }
        method = value;
    }

    private String method = "ode";
    private double moleculesPerUnit = 100;
    private int runs = 10;
    private long maxEvents = 100_000_000L;

    @Option(names = "--molecules-per-unit", paramLabel = "N", defaultValue = "100",
            description = "ssa: molecules per network unit of concentration (a concentration c becomes round(N c) "
                    + "molecules). Default: ${DEFAULT-VALUE}.")
    void setMoleculesPerUnit(double value) {
        moleculesPerUnit = OptionChecks.positiveFinite(spec, "--molecules-per-unit", value);
    }

    @Option(names = "--runs", paramLabel = "R", defaultValue = "10",
            description = "ssa: trajectories per example. Default: ${DEFAULT-VALUE}.")
    void setRuns(int value) {
        runs = OptionChecks.atLeast(spec, "--runs", value, 1);
    }

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "ssa: seed; each run's random stream derives from it, the example and the run. "
                    + "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-events", paramLabel = "E", defaultValue = "100000000",
            description = "ssa: event budget per run (status event-budget when it runs out). Default: ${DEFAULT-VALUE}.")
    void setMaxEvents(long value) {
        if (value < 1) {
            throw OptionChecks.error(spec, "--max-events must be at least 1, is " + value);
        }
        maxEvents = value;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: simulate-<split> in the compile folder).")
    Path out;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        spark.conf();
        if (spark.master != null && method.equals("ssa")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--master: the stochastic simulation (--method ssa) runs on this machine's threads only");
        }
        ExampleSource.Loaded loaded = source.load();
        if (method.equals("ssa")) {
            return stochastic(stdout, loaded);
        }
        double tMax = solver.tMax(SolverOptions.DEFAULT_T_MAX);
        Evaluation.Settings settings = new Evaluation.Settings(tMax, solver.threads(), solver.settings(),
                new RateSpec(rates), new HashSet<>(plotExamples), timeCourse(loaded, tMax)).withLanes(solver.lanes());
        Path dir = out != null ? out : source.defaultOut(source.inputs != null ? "simulate"
                : "simulate-" + (source.split != null ? source.split : "default"));
        stdout.printf(Locale.ROOT, "simulating %s: %d examples of %s, t_max %s, %s on %s -> %s%n",
                loaded.crn().name(), loaded.examples().size(), loaded.description(), tMax, solver.solverName(),
                spark.master != null ? "Spark master " + spark.master : settings.threads() + " threads", dir);
        stdout.flush();
        Evaluation.Outcome outcome;
        try (nn2crn.pipeline.SparkSimulation onSpark = spark.simulation(new ConsoleLog(stdout, spec.commandLine().getErr()))) {
            outcome = Evaluation.run(loaded.crn(), loaded.examples(), settings, dir,
                    resume ? Evaluation.Resume.REQUIRED : Evaluation.Resume.NEVER,
                    ProgressLine.of(spec.commandLine().getErr(), "simulated"), SparkOptions.engine(onSpark));
        }
        Map<String, Object> summary = Evaluation.summarize(outcome, settings);
        summary.put("crn", source.crnPath.toString());
        if (spark.master != null) {
            summary.put("spark_master", spark.master);
        }
        summary.put("examples_from", loaded.description());
        Evaluation.writeSummary(summary, dir.resolve(Evaluation.SUMMARY_FILE));
        SimulationPlots.writeAll(loaded.crn(), loaded.examples(), outcome, tMax, dir);
        print(stdout, summary);
        stdout.println("wrote " + dir.resolve(Evaluation.RESULTS_FILE) + " and " + Evaluation.SUMMARY_FILE
                + (settings.timeCourse() != null ? " and " + TimeCourse.FILE : ""));
        stdout.flush();
        return 0;
    }

    /** {@code --method ssa}: R exact trajectories per example, until nothing can fire (or --t-max). */
    private int stochastic(PrintWriter stdout, ExampleSource.Loaded loaded) {
        if (timeCourse != null || !plotExamples.isEmpty()) {
            throw OptionChecks.error(spec, "--time-course and --plot-examples apply to --method ode");
        }
        double tMax = solver.tMax(Double.POSITIVE_INFINITY);
        StochasticEvaluation.Settings settings = new StochasticEvaluation.Settings(moleculesPerUnit, runs, tMax, maxEvents,
                seed, solver.threads(), new RateSpec(rates));
        Path dir = out != null ? out : source.defaultOut(source.inputs != null ? "ssa"
                : "ssa-" + (source.split != null ? source.split : "default"));
        stdout.printf(Locale.ROOT, "SSA of %s: %d examples of %s, %d runs each at %s molecules per unit, %s on %d threads "
                        + "-> %s%n", loaded.crn().name(), loaded.examples().size(), loaded.description(), runs,
                nn2crn.crn.CrnText.number(moleculesPerUnit), Double.isInfinite(tMax) ? "until no reaction can fire"
                        : "to t = " + tMax, settings.threads(), dir);
        stdout.flush();
        StochasticEvaluation.Outcome outcome = StochasticEvaluation.run(loaded.crn(), loaded.examples(), settings, dir,
                resume ? Evaluation.Resume.REQUIRED : Evaluation.Resume.NEVER,
                ProgressLine.of(spec.commandLine().getErr(), "simulated"));
        Map<String, Object> summary = StochasticEvaluation.summarize(outcome, settings);
        summary.put("crn", source.crnPath.toString());
        summary.put("examples_from", loaded.description());
        Evaluation.writeSummary(summary, dir.resolve(Evaluation.SUMMARY_FILE));
        List<List<String>> rows = new ArrayList<>();
        for (String key : List.of("examples", "runs", "completed_runs", "accuracy", "agreement", "examples_always_agreeing",
                "ties", "events_per_run_median", "settle_time_median", "events_per_cpu_second", "wall_seconds")) {
            Object v = summary.get(key);
            if (v != null) {
                rows.add(List.of(key, v instanceof Double d ? (key.equals("accuracy") || key.equals("agreement")
                        ? String.format(Locale.ROOT, "%.2f%%", 100 * d) : String.format(Locale.ROOT, "%.4g", d))
                        : v.toString()));
            }
        }
        rows.add(List.of("status", summary.get("status_counts").toString()));
        stdout.print(Table.render(List.of("measure", "value"), rows));
        stdout.println("wrote " + dir.resolve(StochasticEvaluation.RESULTS_FILE) + " and " + Evaluation.SUMMARY_FILE);
        stdout.flush();
        return 0;
    }

    private TimeCourse timeCourse(ExampleSource.Loaded loaded, double tMax) {
        if (timeCourse == null) {
            if (!timeCourseSpecies.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--time-course-species needs --time-course");
            }
            return null;
        }
        try {
            TimeCourse course = TimeCourse.parse(timeCourse, timeCourseSpecies);
            course.columns(loaded.crn(), tMax);
            return course;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--time-course: " + e.getMessage());
        }
    }

    static void print(PrintWriter out, Map<String, Object> summary) {
        List<List<String>> rows = new ArrayList<>();
        for (String key : List.of("examples", "completed", "nn_accuracy", "crn_accuracy", "agreement", "max_abs_error",
                "median_abs_error", "convergence_time_median", "convergence_time_p90", "seconds_per_example_median",
                "wall_seconds", "examples_per_second")) {
            Object v = summary.get(key);
            if (v != null) {
                String text = v instanceof Double d
                        ? (key.contains("accuracy") || key.equals("agreement")
                        ? String.format(Locale.ROOT, "%.2f%%", 100 * d) : String.format(Locale.ROOT, "%.4g", d))
                        : v.toString();
                rows.add(List.of(key, text));
            }
        }
        rows.add(List.of("status", summary.get("status_counts").toString()));
        out.print(Table.render(List.of("measure", "value"), rows));
        if (summary.get("readout") instanceof List<?> readouts) {
            List<List<String>> table = new ArrayList<>();
            for (Object o : readouts) {
                Map<?, ?> r = (Map<?, ?>) o;
                table.add(List.of(String.format(Locale.ROOT, "%.4g", (Double) r.get("time")), r.get("examples").toString(),
                        r.get("accuracy") == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * (Double) r.get("accuracy")),
                        r.get("agreement") == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * (Double) r.get("agreement"))));
            }
            out.print(Table.render(List.of("read-out time", "examples", "accuracy", "agreement"), table));
        }
        int excluded = (Integer) summary.get("excluded_from_accuracy");
        if (excluded > 0) {
            out.printf(Locale.ROOT, "%d example(s) stopped before t_max (%s): they have no final state and are excluded "
                    + "from the CRN's accuracy, agreement and errors (see results.csv)%n", excluded, summary.get("stopped"));
        }
    }
}
