package nn2crn.pipeline;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.Readout;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnManifest;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Split;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import nn2crn.simulate.MoleculeCounts;
import nn2crn.simulate.RateSpec;
import nn2crn.simulate.SimulationPlots;
import nn2crn.simulate.SolverSettings;
import nn2crn.train.ConfigException;
import nn2crn.train.TrainConfig;
import nn2crn.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code nn2crn run}: train (or reuse a finished training of the same config), compile with every
 * scheme the config asks for, simulate each CRN, and write {@code report.md} and
 * {@code report.json}. Each stage writes what its own command writes, in its own subfolder; a
 * simulation whose inputs (network, CRN, settings) are unchanged continues from its rows.
 */
public final class RunPipeline {

    static final double DRAW_LOW = 0.1;
    static final double DRAW_HIGH = 10;

    private final PipelineLog log;
    private final int threads;
    private final Evaluation.Engine engine;

    public RunPipeline(PipelineLog log, int threads) {
        this(log, threads, Evaluation.LOCAL);
    }

    /** @param engine where the simulations run (this JVM's threads, or a Spark cluster: {@link SparkSimulation}) */
    public RunPipeline(PipelineLog log, int threads, Evaluation.Engine engine) {
        this.log = log;
        this.threads = threads;
        this.engine = engine;
    }

    /**
     * One compiled and simulated CRN: a row of the report. The CRN's figures (accuracy, agreement,
     * error, convergence) are over the completed examples, null when none completed; stopped
     * examples are counted by status.
     */
    public record Row(String config, String dataset, String architecture, String weights, String scheme, boolean reduced,
               String split, int examples, boolean sampled, Double nnAccuracy, int completed,
               Map<String, Long> stopped, Double crnAccuracy, Double agreement, Double maxAbsError, int species,
               int reactions, Double convergenceMedian, Double convergenceP90, List<Integer> disagreements,
               String folder, boolean rateIndependent, Double marginMedian, Double moleculesFor99, String readout,
               double tMax) {

        /** Species read per class: two rails, or one. */
        public int outputsRead() {
            return readout.equals(Readout.RAILS.id) ? 2 : 1;
        }

        /** "rate-independent (reduced), wta read-out". */
        public String label() {
            return scheme + (reduced ? " (reduced)" : "") + (readout.equals(Readout.RAILS.id) ? "" : ", " + readout
                    + " read-out");
        }
    }

    public record Result(TrainConfig config, Path runDir, Path trainDir, Map<String, Double> trainAccuracy, List<Row> rows,
                  List<Map<String, Object>> robustness, List<DnaRow> dna, double seconds) {
    }

    /**
     * One rate-independent CRN (plain or reduced) translated to DNA: its cost at the first unit
     * concentration and its DNA-level read-outs per setting.
     *
     * @param folder the translation's folder, relative to the run folder
     * @param check  the design check's verdict ({@link nn2crn.dna.DesignCheck#verdict()})
     * @param uncappedCost the cost before dna.max_strand_nt capped the fan-out, or null when nothing was capped
     */
    public record DnaRow(String crn, nn2crn.dna.DnaCost cost, List<DnaKinetics.Result> kinetics, double[] readout,
                  String folder, String check, nn2crn.dna.DnaCost uncappedCost, String readoutStage,
                  nn2crn.dna.readout.AliquotPlan aliquots) {

        /** "plain" or "plain, wta read-out". */
        public String label() {
            return crn + (readoutStage.equals(Readout.RAILS.id) ? "" : ", " + readoutStage + " read-out");
        }
    }

    /**
     * @param sample when positive, simulate a seeded sample of this many examples of the split
     *               instead of the config's limit
     */
    public Result run(TrainConfig config, String configSource, Path runDir, DataStore store, int sample) {
        return run(config, configSource, runDir, runDir.resolve("train"), store, sample);
    }

    /**
     * @param trainDir where the training is (or goes): a finished training of the same config there
     *                 is reused
     */
    public Result run(TrainConfig config, String configSource, Path runDir, Path trainDir, DataStore store, int sample) {
        long start = System.nanoTime();
        TrainConfig.SimulateSection sim = config.simulate();
        Dataset dataset = config.loadDataset(store);
        nn2crn.train.ConfigLoader.checkAgainstData(config, dataset, configSource);
        String splitName = sim.split() != null ? sim.split() : dataset.splits().containsKey("test") ? "test" : "all";
        if (!dataset.splits().containsKey(splitName)) {
            throw new ConfigException(configSource + ": key 'simulate.split': '" + splitName + "' is not a split of "
                    + dataset.name() + " (" + String.join(", ", dataset.splits().keySet()) + ")");
        }
        Split split = dataset.split(splitName);
        boolean sampled = false;
        if (sample > 0 && split.size() > sample) {
            split = sampleOf(split, sample);
            sampled = true;
        } else if (sim.limit() > 0 && split.size() > sim.limit()) {
            split = split.select(splitName, range(sim.limit()));
        }

        if (Trainer.isFinished(trainDir, config)) {
            say("%s: reusing the finished training in %s", config.name(), trainDir);
        } else {
            boolean resume = Files.exists(trainDir.resolve(Trainer.CHECKPOINT_FILE));
            say("%s: training%s -> %s", config.name(), resume ? " (resuming)" : "", trainDir);
            new Trainer(line -> log.detail("  " + line)).train(config, dataset, trainDir, resume);
        }
        Network network = NetworkJson.read(trainDir.resolve(Trainer.NETWORK_FILE));
        Map<String, Double> trainAccuracy = Trainer.accuracy(trainDir);

        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> robustness = new ArrayList<>();
        // the rate-independent CRNs by variant ("plain", "reduced") and read-out, for the DNA section
        Map<String, Crn> rateIndependent = new LinkedHashMap<>();
        SolverSettings solver = solverSettings(sim);
        for (String schemeId : config.compile().schemes()) {
            Scheme scheme = Scheme.parse(schemeId);
            List<Boolean> variants = scheme == Scheme.RATE_INDEPENDENT
                    ? config.compile().rateIndependentVariants() : List.of(false);
            List<String> readouts = scheme == Scheme.RATE_INDEPENDENT ? config.compile().readouts() : List.of("rails");
            // the offset is chosen on the training split, never on what is reported
            nn2crn.compile.ReadoutOffset offset = readouts.stream().allMatch("rails"::equals) ? null
                    : nn2crn.compile.ReadoutOffset.choose(network, dataset.split(config.dataset().trainSplit()).features(),
                    nn2crn.compile.ReadoutOffset.DEFAULT_COVERAGE, dataset.name() + " " + config.dataset().trainSplit());
            for (boolean reduced : variants) {
                for (String readoutId : readouts) {
                    Readout readout = Readout.parse(readoutId);
                    String id = scheme.id + (reduced ? "-reduced" : "") + (readout == Readout.RAILS ? "" : "-" + readout.id);
                    CompileOptions options = new CompileOptions(scheme, reduced, config.compile().shiftInputs(), null,
                            config.compile().eps());
                    if (readout != Readout.RAILS) {
                        options = options.withReadout(readout, offset, null);
                    }
                    Crn crn = CrnCompiler.compile(network, options);
                    if (scheme == Scheme.RATE_INDEPENDENT) {
                        rateIndependent.put((reduced ? "reduced" : "plain") + "|" + readout.id, crn);
                    }
                    Path crnDir = runDir.resolve("crn-" + id);
                    CrnFiles.write(crn, List.of("CRN of network '" + network.name() + "' compiled by nn2crn run "
                            + configSource), null, network.preprocessing(), crnDir);
                    say("%s: compiled %s: %d species, %d reactions", config.name(), id, crn.species().size(),
                            crn.reactions().size());
                    // the winner-take-all stage restores at a hundredth of the network's rate: it needs that much longer
                    double tMax = readout == Readout.WTA ? sim.tMax() / nn2crn.compile.WtaReadout.RESTORATION_RATE
                            : sim.tMax();
                    Evaluation.Settings settings = new Evaluation.Settings(tMax, threads, solver, RateSpec.UNIFORM,
                            Set.copyOf(sim.plotExamples()));
                    Path simDir = runDir.resolve("simulate-" + id);
                    List<Evaluation.Example> examples = Examples.fromSplit(network, crn, split, 0);
                    Evaluation.Outcome outcome = simulate(crn, examples, settings, simDir, id + " " + splitName);
                    Map<String, Object> summary = Evaluation.summarize(outcome, settings);
                    Evaluation.writeSummary(summary, simDir.resolve(Evaluation.SUMMARY_FILE));
                    SimulationPlots.writeAll(crn, examples, outcome, tMax, simDir);
                    recordReadoutTime(crnDir, summary);
                    @SuppressWarnings("unchecked")
                    List<Integer> disagreements = (List<Integer>) summary.getOrDefault("disagreements", List.of());
                    @SuppressWarnings("unchecked")
                    Map<String, Long> stopped = (Map<String, Long>) summary.get("stopped");
                    rows.add(new Row(config.name(), dataset.name(), Trainer.architecture(network), config.network().weights(),
                            scheme.id, reduced, splitName, outcome.rows().size(), sampled,
                            (Double) summary.get("nn_accuracy"), (Integer) summary.get("completed"), stopped,
                            (Double) summary.get("crn_accuracy"), (Double) summary.get("agreement"),
                            (Double) summary.get("max_abs_error"), crn.species().size(), crn.reactions().size(),
                            (Double) summary.get("convergence_time_median"), (Double) summary.get("convergence_time_p90"),
                            disagreements, runDir.relativize(simDir).toString(), MoleculeCounts.exact(crn),
                            (Double) summary.get("nn_margin_median"), moleculesFor99(crn, examples), readout.id, tMax));
                    if (scheme == Scheme.RATE_INDEPENDENT && reduced == variants.get(0) && sim.rateDraws() > 0) {
                        if (readout == Readout.WTA) {
                            // rate-dependent: measured under the spread measured for such gates
                            double spread = sim.wtaRateSpread();
                            robustness.addAll(rateDraws(config, crn, id, examples, solver, 1 - spread, 1 + spread, tMax,
                                    runDir.resolve("robustness-" + id)));
                        } else {
                            // rate-independent: any rates, over two decades; the first read-out keeps the plain folder name
                            Path dir = runDir.resolve(readout.id.equals(readouts.get(0)) ? "robustness" : "robustness-" + id);
                            robustness.addAll(rateDraws(config, crn, id, examples, solver, DRAW_LOW, DRAW_HIGH, tMax, dir));
                        }
                    }
                }
            }
        }
        List<DnaRow> dna = config.dna() == null ? List.of() : dna(config, network, rateIndependent, split, runDir);
        Result result = new Result(config, runDir, trainDir, trainAccuracy, rows, robustness, dna,
                (System.nanoTime() - start) / 1e9);
        // the command that makes this exact network and report again (reproduce picks a seed of its own)
        String command = "nn2crn run " + configSource + " --seed " + config.seed() + " --out " + runDir
                + (config.dataset().name().equals("iris") || config.dataset().name().equals("csv") ? ""
                : " --data-dir " + store.location().dir())
                + (sample > 0 ? "   # this report simulated a seeded sample of " + sample + " examples (reproduce --quick)"
                : "");
        RunReport.write(result, configSource, command);
        say("%s: wrote %s", config.name(), runDir.resolve(RunReport.MARKDOWN));
        return result;
    }

    /**
     * For a rate-independent CRN, the molecules per network unit from which the exact final state
     * agrees with the network on at least 99% of the examples (over {@link MoleculeCounts#GRID});
     * null otherwise, or if even a million molecules per unit fall short.
     */
    private static Double moleculesFor99(Crn crn, List<Evaluation.Example> examples) {
        if (!MoleculeCounts.exact(crn)) {
            return null;
        }
        return MoleculeCounts.needed(MoleculeCounts.exact(crn, examples, MoleculeCounts.GRID, 0, 0, 1), 0.99);
    }

    /** The config's DNA section: translate, cost and simulate at DNA level each CRN it names. */
    private List<DnaRow> dna(TrainConfig config, Network network, Map<String, Crn> compiled, Split split, Path runDir) {
        TrainConfig.DnaSection d = config.dna();
        Split examples = d.limit() > 0 && split.size() > d.limit() ? split.select(split.name(), range(d.limit())) : split;
        double[] readout = d.readout().stream().mapToDouble(Double::doubleValue).toArray();
        List<DnaRow> rows = new ArrayList<>();
        List<nn2crn.dna.readout.AliquotPlan.Dye> dyes = d.dyes().stream().map(nn2crn.dna.readout.AliquotPlan.Dye::parse)
                .toList();
        for (String kind : d.crns()) {
            for (String readoutId : d.readouts()) {
                rows.add(dnaRow(config, network, kind, readoutId, compiled.get(kind + "|" + readoutId), examples,
                        readout, dyes, runDir));
            }
        }
        return rows;
    }

    /** One CRN of the DNA section (variant and read-out): translate, write, simulate at DNA level. */
    private DnaRow dnaRow(TrainConfig config, Network network, String kind, String readoutId, Crn formal, Split examples,
                          double[] readout, List<nn2crn.dna.readout.AliquotPlan.Dye> dyes, Path runDir) {
        TrainConfig.DnaSection d = config.dna();
        String id = kind + (readoutId.equals(Readout.RAILS.id) ? "" : "-" + readoutId);
        nn2crn.dna.DnaOptions options = new nn2crn.dna.DnaOptions(d.toeholdNt(), d.domainNt(), d.unitNm(),
                d.fuelNm(), 0, 0).withReadoutFuelNm(d.readoutFuelNm());
        nn2crn.dna.DnaCost uncapped = null;
        if (d.maxStrandNt() != null) {
            options = options.withMaxStrandNt(d.maxStrandNt());
            Crn capped = nn2crn.dna.DnaTranslation.capStrandLength(formal, d.maxStrandNt(), options);
            if (capped != formal) {
                uncapped = nn2crn.dna.DnaTranslation.translate(formal, d.scheme(), options).cost();
                formal = capped;
            }
        }
        // the design written out is the ideal one; leak enters the kinetics below, beside the ideal
        nn2crn.dna.DnaSystem system = nn2crn.dna.DnaTranslation.translate(formal, d.scheme(), options);
        Path dir = runDir.resolve("dna-" + id);
        nn2crn.dna.readout.AliquotPlan aliquots = system.reporters().isEmpty() ? null
                : nn2crn.dna.readout.AliquotPlan.of(system, d.colours(), dyes, network.classes());
        nn2crn.dna.DnaFiles.write(system, List.of("DNA implementation of the " + kind + " rate-independent CRN of '"
                + network.name() + "'" + (readoutId.equals(Readout.RAILS.id) ? "" : " with the " + readoutId
                + " read-out") + ", by nn2crn run"), network.preprocessing(), uncapped, aliquots, dir);
        nn2crn.dna.DnaCost cost = system.cost();
        say("%s: DNA (%s CRN, %s): %d strands, %d nt, longest %d nt, %d fuels; %s; simulating %d examples at DNA level",
                config.name(), kind, d.scheme(), cost.strands(), cost.nucleotides(), cost.longestStrandNt(), cost.fuels(),
                system.check().verdict(), examples.size());
        List<DnaKinetics.Result> kinetics = DnaKinetics.run(formal, network.name() + ", " + kind + " CRN"
                + (readoutId.equals(Readout.RAILS.id) ? "" : ", " + readoutId + " read-out"), d.scheme(), options,
                DnaKinetics.settings(d.kineticsUnitNm(), d.leakRate(), d.gateLeak()), network, examples, readout, threads,
                Set.copyOf(config.simulate().plotExamples()), dir.resolve("kinetics"), log, engine);
        return new DnaRow(kind, cost, kinetics, readout, runDir.relativize(dir).toString(),
                system.check().verdict(), uncapped, readoutId, aliquots);
    }

    /**
     * Writes into the compile folder's manifest when the simulations suggest reading the answer:
     * once every completed example's argmax has stopped changing and 90% of them are within 1% of
     * their final values.
     */
    private static void recordReadoutTime(Path crnDir, Map<String, Object> summary) {
        if (!(summary.get("argmax_time_max") instanceof Double argmax)
                || !(summary.get("convergence_time_p90") instanceof Double settle)) {
            return; // no example completed: nothing to suggest
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("completed_examples", summary.get("completed"));
        evidence.put("t_max", summary.get("t_max"));
        evidence.put("argmax_time_max", argmax);
        evidence.put("convergence_time_p90", settle);
        evidence.put("rates", summary.get("rates"));
        CrnManifest.recordReadoutTime(crnDir.resolve(CrnFiles.MANIFEST_FILE), Math.max(argmax, settle), evidence);
    }

    private List<Map<String, Object>> rateDraws(TrainConfig config, Crn crn, String crnId,
                                                List<Evaluation.Example> examples, SolverSettings solver, double low,
                                                double high, double baseTMax, Path robustnessDir) {
        TrainConfig.SimulateSection sim = config.simulate();
        List<Evaluation.Example> subset = sim.rateDrawLimit() > 0 && examples.size() > sim.rateDrawLimit()
                ? examples.subList(0, sim.rateDrawLimit()) : examples;
        List<Map<String, Object>> draws = new ArrayList<>();
        // slower rates take longer: t_max grows with the slowest factor
        double tMax = baseTMax / low;
        for (int d = 0; d <= sim.rateDraws(); d++) {
            String rates = d == 0 ? "uniform" : String.format(Locale.ROOT, "random:%s:%s:%d", low, high, d);
            Evaluation.Settings settings = new Evaluation.Settings(tMax, threads, solver, new RateSpec(rates), Set.of());
            Path dir = robustnessDir.resolve(d == 0 ? "rates-uniform" : "rates-draw-" + d);
            Evaluation.Outcome outcome = simulate(crn, subset, settings, dir, crnId + ", " + rates);
            Map<String, Object> s = Evaluation.summarize(outcome, settings);
            Evaluation.writeSummary(s, dir.resolve(Evaluation.SUMMARY_FILE));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("crn", crnId);
            row.put("rates", rates);
            row.put("examples", s.get("examples"));
            row.put("completed", s.get("completed"));
            row.put("stopped", s.get("stopped"));
            row.put("t_max", tMax);
            row.put("accuracy", s.get("crn_accuracy"));
            row.put("agreement", s.get("agreement"));
            row.put("max_abs_error", s.get("max_abs_error"));
            row.put("convergence_time_median", s.get("convergence_time_median"));
            draws.add(row);
        }
        return draws;
    }

    /**
     * Simulates, continuing from the rows already there when they were computed from the same CRN,
     * examples and settings (the evaluation checks its record of them), else from scratch.
     */
    private Evaluation.Outcome simulate(Crn crn, List<Evaluation.Example> examples, Evaluation.Settings settings,
                                        Path dir, String what) {
        Evaluation.Outcome outcome = Evaluation.run(crn, examples, settings, dir, Evaluation.Resume.IF_SAME,
                log.progress("  simulated (" + what + ")"), engine);
        if (outcome.simulated() < examples.size()) {
            say("  %s: %d of %d examples were already simulated", what, examples.size() - outcome.simulated(),
                    examples.size());
        }
        return outcome;
    }

    /** A fixed seeded sample, in the split's order. */
    public static Split sampleOf(Split split, int n) {
        int[] all = range(split.size());
        Random random = new Random(20_200_712L);
        for (int i = all.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, n);
        Arrays.sort(chosen);
        return split.select(split.name(), chosen);
    }

    private static int[] range(int n) {
        return Stream.iterate(0, i -> i + 1).limit(n).mapToInt(Integer::intValue).toArray();
    }

    private void say(String format, Object... args) {
        log.say(String.format(Locale.ROOT, format, args));
    }

    /** The integrator a config's simulate section asks for. */
    static SolverSettings solverSettings(TrainConfig.SimulateSection sim) {
        return new SolverSettings(SolverSettings.Method.parse(sim.solver()), sim.rtol(), sim.atol(), 0, 200_000,
                SolverSettings.ErrorScale.parse(sim.errorScale()));
    }
}
