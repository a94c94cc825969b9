package nn2crn.pipeline;

import nn2crn.crn.Crn;
import nn2crn.datasets.Split;
import nn2crn.dna.DnaCost;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.io.AtomicFiles;
import nn2crn.network.Network;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.Readout;
import nn2crn.simulate.SimulationPlots;
import nn2crn.simulate.SolverSettings;
import nn2crn.simulate.TimeCourse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DNA-level kinetics of a formal CRN: for each setting (concentration of a network unit, leak),
 * translate it, simulate its implementation CRN in nM and seconds on the examples of a dataset
 * split, and read the answer at fixed times. Writes one simulation folder per setting,
 * {@code kinetics.csv} (accuracy and agreement over time) and {@code accuracy-vs-time.png}.
 */
public final class DnaKinetics {

    /** Where the default leak rate ({@link nn2crn.dna.DnaOptions#DEFAULT_LEAK_PER_NM_S}) comes from. */
    public static final String LEAK_SOURCE = "1 /M/s, Visual DSD's default leak rate constant, the order of "
            + "the leak of strand-displacement gates without clamps";

    /** 10 min, 30 min, 1 h, 4 h, 10 h, 24 h. */
    public static final double[] DEFAULT_READOUT = {600, 1800, 3600, 14_400, 36_000, 86_400};
    public static final String CSV_FILE = "kinetics.csv";
    public static final String PLOT_FILE = "accuracy-vs-time.png";
    /** Points of the dense time grid of the plot, log-spaced from 1 minute to the last read-out. */
    private static final int GRID_POINTS = 40;
    /**
     * Rosenbrock: the exchange steps make the DNA-level CRN mildly stiff; outputs to 1e-6 relative,
     * concentrations to 1e-6 nM.
     */
    static final SolverSettings SOLVER = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-6, 1e-6, 0, 1_000_000);

    /** One translation to simulate. */
    public record Setting(double unitNm, double leakRate, double gateLeak) {
        public String label() {
            String text = nn2crn.crn.CrnText.number(unitNm) + " nM per unit";
            if (leakRate > 0) {
                text += ", leak " + rate(leakRate) + " /nM/s";
            }
            if (gateLeak > 0) {
                text += ", gate leak " + gateLeak;
            }
            return text;
        }

        String folder() {
            return "unit-" + nn2crn.crn.CrnText.number(unitNm) + "nM" + (leakRate > 0 ? "-leak-" + leakRate : "")
                    + (gateLeak > 0 ? "-gate-leak-" + gateLeak : "");
        }
    }

    /**
     * The outcome of one setting: its cost, the read-outs at the chosen times, the summary, and how
     * many examples need more of some gate than the fuel concentration supplies (-1 when the formal
     * CRN is not rate-independent, so the amounts are not known in advance).
     */
    public record Result(Setting setting, DnaCost cost, List<Readout> readouts, Map<String, Object> summary,
                  int fuelLimited) {
    }

    private DnaKinetics() {
    }

    /** The unit concentrations, each without leak and, if a leak is given, with it. */
    public static List<Setting> settings(List<Double> units, double leakRate, double gateLeak) {
        List<Setting> settings = new ArrayList<>();
        for (double u : units) {
            settings.add(new Setting(u, 0, 0));
            if (leakRate > 0 || gateLeak > 0) {
                settings.add(new Setting(u, leakRate, gateLeak));
            }
        }
        return settings;
    }

    public static List<Result> run(Crn formal, String title, String scheme, DnaOptions base, List<Setting> settings,
                            Network network, Split split, double[] readout, int threads, Path dir, PipelineLog log) {
        return run(formal, title, scheme, base, settings, network, split, readout, threads, Set.of(0), dir, log);
    }

    /**
     * @param plotExamples examples whose outputs over time are plotted in each setting's folder
     *                     ({@code trajectory-<id>.png}: the reporters' fluorescence where the design has them)
     */
    public static List<Result> run(Crn formal, String title, String scheme, DnaOptions base, List<Setting> settings,
                            Network network, Split split, double[] readout, int threads, Set<Integer> plotExamples,
                            Path dir, PipelineLog log) {
        return run(formal, title, scheme, base, settings, network, split, readout, threads, plotExamples, dir, log,
                Evaluation.LOCAL);
    }

    /** The same, the integrations run by {@code engine} (a Spark cluster: {@link SparkSimulation}). */
    public static List<Result> run(Crn formal, String title, String scheme, DnaOptions base, List<Setting> settings,
                            Network network, Split split, double[] readout, int threads, Set<Integer> plotExamples,
                            Path dir, PipelineLog log, Evaluation.Engine engine) {
        double tMax = Arrays.stream(readout).max().orElseThrow();
        TimeCourse course = new TimeCourse(grid(readout), List.of());
        List<Result> results = new ArrayList<>();
        Map<String, List<Readout>> curves = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("unit_nM,leak_rate_per_nM_s,gate_leak,time_s,examples,accuracy,agreement,"
                + "median_output_error,max_output_error\n");
        for (Setting setting : settings) {
            DnaSystem system = DnaTranslation.translate(formal, scheme,
                    base.withUnitNm(setting.unitNm()).withLeak(setting.leakRate(), setting.gateLeak()));
            Crn crn = system.toCrn();
            List<Evaluation.Example> examples = Examples.fromSplit(network, crn, split, 0);
            Evaluation.Settings simulation = new Evaluation.Settings(tMax, threads, SOLVER, RateSpec.UNIFORM, plotExamples,
                    course);
            Path folder = dir.resolve(setting.folder());
            Evaluation.Outcome outcome = Evaluation.run(crn, examples, simulation, folder, Evaluation.Resume.IF_SAME,
                    log.progress("simulated (DNA, " + setting.label() + ")"), engine);
            Map<String, Object> summary = Evaluation.summarize(outcome, simulation);
            Evaluation.writeSummary(summary, folder.resolve(Evaluation.SUMMARY_FILE));
            SimulationPlots.writeAll(crn, examples, outcome, tMax, folder);
            curves.put(setting.label(), outcome.readouts());
            for (Readout r : outcome.readouts()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%s,%s%n", setting.unitNm(), setting.leakRate(),
                        setting.gateLeak(), r.time(), r.examples(), blankIfNull(r.accuracy()), blankIfNull(r.agreement()),
                        blankIfNull(r.medianError()), blankIfNull(r.maxError())));
            }
            List<Readout> atReadout = outcome.readouts().stream()
                    .filter(r -> Arrays.stream(readout).anyMatch(t -> t == r.time())).toList();
            int fuelLimited = fuelLimited(formal, split, setting.unitNm(), base);
            summary.put("fuel_limited_examples", fuelLimited);
            Evaluation.writeSummary(summary, folder.resolve(Evaluation.SUMMARY_FILE));
            results.add(new Result(setting, system.cost(), atReadout, summary, fuelLimited));
        }
        AtomicFiles.writeString(dir.resolve(CSV_FILE), csv.toString());
        boolean labelled = results.stream().flatMap(r -> r.readouts().stream()).anyMatch(r -> r.accuracy() != null);
        // the network's own accuracy on these examples: the line the DNA read-out can at best reach
        Double networkAccuracy = labelled ? nn2crn.network.ForwardPass.accuracy(network, split) : null;
        SimulationPlots.readoutOverTime("DNA-level read-out of " + title + " (" + split.name() + ", "
                + split.size() + " examples)", curves, !labelled, networkAccuracy, dir.resolve(PLOT_FILE));
        return results;
    }

    /**
     * Examples for which some formal reaction fires more than a gate's worth: in a rate-independent
     * CRN every reaction fires a fixed amount (its extent), and each firing uses one gate and one
     * translator, so an extent above the fuel concentration means the fuel runs out and the outputs
     * never reach the network's values. -1 when the CRN is not rate-independent.
     */
    static int fuelLimited(Crn formal, Split split, double unitNm, DnaOptions options) {
        if (!nn2crn.crn.CrnStructure.of(formal).rateIndependent()) {
            return -1;
        }
        int limited = 0;
        nn2crn.crn.Completion.Plan plan = nn2crn.crn.Completion.plan(formal);
        boolean[] readoutStage = nn2crn.dna.ReadoutStage.reactions(formal);
        for (double[] x : split.features()) {
            double[] extents = plan.extents(formal.initialState(x));
            for (int r = 0; r < extents.length; r++) {
                if (extents[r] * unitNm > (readoutStage[r] ? options.readoutFuelNm() : options.fuelNm())) {
                    limited++;
                    break;
                }
            }
        }
        return limited;
    }

    private static String blankIfNull(Double value) {
        return value == null ? "" : value.toString();
    }

    /** The read-out times and a log-spaced grid from 1 minute to the last of them. */
    static double[] grid(double[] readout) {
        double last = Arrays.stream(readout).max().orElseThrow();
        TreeSet<Double> times = new TreeSet<>();
        Arrays.stream(readout).forEach(times::add);
        double first = Math.min(60, last);
        for (int k = 0; k < GRID_POINTS; k++) {
            double t = first * Math.pow(last / first, k / (double) (GRID_POINTS - 1));
            times.add((double) Math.round(t));
        }
        return times.stream().filter(t -> t > 0 && t <= last).mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Rows for a table: one per setting and read-out time, with the accuracy, the agreement with the
     * network and the median and largest output error (network units); the fuel-limited count on
     * each setting's first row.
     */
    public static List<List<String>> table(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            boolean first = true;
            for (Readout readout : r.readouts()) {
                rows.add(List.of(first ? r.setting().label() : "", time(readout.time()), percent(readout.accuracy()),
                        percent(readout.agreement()), error(readout.medianError()), error(readout.maxError()),
                        !first ? "" : r.fuelLimited() < 0 ? "n/a (rate-dependent CRN)" : Integer.toString(r.fuelLimited())));
                first = false;
            }
        }
        return rows;
    }

    public static final List<String> TABLE_HEADER = List.of("setting", "time", "accuracy", "agreement",
            "median output error", "max output error", "fuel-limited examples");

    private static String percent(Double share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String error(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3g", value);
    }

    /** A rate constant as printed beside a setting: 1e-9 -> "1.0e-9". */
    public static String rate(double value) {
        return Double.toString(value).replace('E', 'e');
    }

    /** 600 -> "10 min", 3600 -> "1 h". */
    public static String time(double seconds) {
        if (seconds < 3600) {
            return nn2crn.crn.CrnText.number(Math.round(seconds / 60.0 * 100) / 100.0) + " min";
        }
        return nn2crn.crn.CrnText.number(Math.round(seconds / 3600.0 * 100) / 100.0) + " h";
    }
}
