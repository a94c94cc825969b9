package nn2crn.cli;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Readout;
import nn2crn.compile.ReadoutOffset;
import nn2crn.compile.Scheme;
import nn2crn.crn.ConcentrationUnit;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnSize;
import nn2crn.datasets.DataException;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn compile}: network.json to a CRN, written as .crn text, SBML and a manifest. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a network.json into a chemical reaction network.",
                "Writes DIR/network.crn (Nuskell/crnsimulator text), DIR/network.sbml (SBML L3V1) and",
                "DIR/manifest.json (counts, concentrations, input and output maps)."})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "The network (nn2crn.network/1 JSON).")
    Path networkFile;

    @Option(names = "--scheme", defaultValue = "rate-independent", paramLabel = "SCHEME",
            description = "rate-independent (Vasic et al. 2020, dual-rail ReLU; needs integer weights) or "
                    + "smooth-relu (Anderson et al. 2021, mass action). Default: ${DEFAULT-VALUE}.")
    String scheme;

    @Option(names = "--reduce", description = "rate-independent: remove unimolecular reactions (the paper's reduce step).")
    boolean reduce;

    @Option(names = "--shift-inputs", description = "Shift each feature by its lower bound so it is non-negative "
            + "(folded into the first layer's biases) and drop the negative input rails.")
    boolean shiftInputs;

    @Option(names = "--input-min", split = ",", paramLabel = "V",
            description = "Lower bound of the features (one value for all, or one per feature); "
                    + "default: the network's input_range. Bounds >= 0 give single-rail inputs.")
    double[] inputMin;

    @Option(names = "--eps", paramLabel = "E", description = "smooth-relu: eps for layers without their own "
            + "(ReLU layers and the output layer); default: the network's smooth-relu eps, else 0.01.")
    Double eps;

    private int maxFanOut;

    @Option(names = "--max-fanout", paramLabel = "K", defaultValue = "0",
            description = "Split every reaction with more than K products (with stoichiometry) into a chain of reactions "
                    + "with at most K each; the final state is unchanged. Bounds the size of every DNA fuel complex. "
                    + "0: no cap. Default: ${DEFAULT-VALUE}.")
    void setMaxFanOut(int value) {
        if (value != 0 && value < nn2crn.compile.FanOutCap.SMALLEST) {
            throw OptionChecks.error(spec, "--max-fanout must be 0 (no cap) or at least " + nn2crn.compile.FanOutCap.SMALLEST
                    + ", is " + value);
        }
        maxFanOut = value;
    }

    @Option(names = "--readout", defaultValue = "rails", paramLabel = "READOUT",
            description = "rate-independent: rails (dual-rail outputs, y = pos - neg), subtract (an offset c on every "
                    + "output's bias and one annihilation y<j>_pos + y<j>_neg -> per class; outputs y<j>_pos = "
                    + "max(y_j + c, 0)) or wta (subtract, then winner-take-all: pairwise annihilation between the classes "
                    + "and catalytic restoration of the survivor to --wta-level; outputs y<j>_on; rate-dependent). "
                    + "Default: ${DEFAULT-VALUE}.")
    String readout;

    @Option(names = "--wta-level", paramLabel = "L",
            description = "wta: the winner's restored signal, network units (> 0). Default: 1.")
    Double wtaLevel;

    @Option(names = "--readout-offset", paramLabel = "C",
            description = "subtract, wta: the offset c (>= 0). Default: the smallest multiple of 0.25 with the network's top "
                    + "output + c > 0 on 99.5%% of the train split of the dataset the network names (never the test split).")
    Double readoutOffset;

    @Option(names = "--concentration-unit", paramLabel = "UNIT",
            description = "Lab unit of concentration for SBML and the manifest: M, mM, uM, nM or pM "
                    + "(default: 1 network unit = 1 uM).")
    String concentrationUnit;

    @Option(names = "--unit-value", paramLabel = "X", defaultValue = "1",
            description = "How many UNIT one network unit is (e.g. 100 for 100 nM). Default: ${DEFAULT-VALUE}.")
    double unitValue;

    @Option(names = "--unit-nM", paramLabel = "C",
            description = "One network unit is C nM (the same as --concentration-unit nM --unit-value C; the spelling of "
                    + "nn2crn dna).")
    Double unitNm;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: crn-<scheme>[-reduced][-subtract|-wta] beside the network file).")
    Path out;

    @Override
    public Integer call() {
        if (inputMin != null) {
            for (double v : inputMin) {
                OptionChecks.finite(spec, "--input-min", v);
            }
        }
        if (eps != null) {
            OptionChecks.positiveFinite(spec, "--eps", eps);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();
        Scheme parsedScheme = parse(() -> Scheme.parse(scheme), "--scheme");
        Readout parsedReadout = parse(() -> Readout.parse(readout), "--readout");
        if (parsedReadout != Readout.RAILS && parsedScheme != Scheme.RATE_INDEPENDENT) {
            throw OptionChecks.error(spec, "--readout " + parsedReadout + " needs --scheme rate-independent (dual-rail "
                    + "outputs)");
        }
        if (readoutOffset != null) {
            if (parsedReadout == Readout.RAILS) {
                throw OptionChecks.error(spec, "--readout-offset is the offset of --readout subtract or wta");
            }
            OptionChecks.nonNegativeFinite(spec, "--readout-offset", readoutOffset);
        }
        if (wtaLevel != null) {
            if (parsedReadout != Readout.WTA) {
                throw OptionChecks.error(spec, "--wta-level is the restored level of --readout wta");
            }
            OptionChecks.positiveFinite(spec, "--wta-level", wtaLevel);
        }
        if (unitNm != null) {
            if (concentrationUnit != null) {
                throw OptionChecks.error(spec, "--unit-nM and --concentration-unit say the same thing: give one");
            }
            OptionChecks.positiveFinite(spec, "--unit-nM", unitNm);
            concentrationUnit = "nM";
            unitValue = unitNm;
        }
        ConcentrationUnit unit = concentrationUnit == null ? null : parse(() -> new ConcentrationUnit(
                ConcentrationUnit.Molar.parse(concentrationUnit), unitValue), "--concentration-unit/--unit-value");
        if (unit == null && unitValue != 1) {
            throw new ParameterException(spec.commandLine(), "--unit-value needs --concentration-unit");
        }
        Network network = NetworkJson.read(networkFile);
        CompileOptions options = new CompileOptions(parsedScheme, reduce, shiftInputs, inputMin, eps, maxFanOut);
        if (parsedReadout != Readout.RAILS) {
            options = options.withReadout(parsedReadout, readoutOffset != null ? ReadoutOffset.given(readoutOffset)
                    : offsetFromTrainSplit(stdout, network, parsedReadout), wtaLevel);
        }
        Crn crn = CrnCompiler.compile(network, options);
        Crn uncapped = maxFanOut > 0 ? CrnCompiler.compile(network, options.withMaxFanOut(0)) : null;
        if (parsedScheme == Scheme.SMOOTH_RELU) {
            crn = withApproximation(stdout, network, crn);
        }
        Path dir = out != null ? out : defaultOut(networkFile, parsedScheme, reduce, parsedReadout);
        List<String> header = new ArrayList<>();
        header.add("CRN of network '" + network.name() + "' (" + networkFile + "), compiled by "
                + Main.Version.versionLine());
        header.add("command: nn2crn " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        ConcentrationUnit shown = unit == null ? ConcentrationUnit.DEFAULT : unit;
        header.add("concentrations in network units; 1 unit = " + shown + (unit == null ? " (default)" : "")
                + " (the SBML file is in " + shown.unit() + ")");
        CrnFiles.write(crn, header, unit, network.preprocessing(), dir);
        double seconds = (System.nanoTime() - start) / 1e9;

        CrnSize size = CrnSize.of(crn);
        stdout.printf(Locale.ROOT, "%s CRN of %s: %d species, %d reactions (%d bimolecular), max stoichiometry %d%n",
                parsedScheme, network.name(), size.species(), size.reactions(), size.bimolecular(), size.maxStoichiometry());
        if (uncapped != null) {
            printCap(stdout, uncapped, crn);
        }
        stdout.printf(Locale.ROOT, "wrote %s, %s, %s in %s (%.2f s)%n", CrnFiles.CRN_FILE, CrnFiles.SBML_FILE,
                CrnFiles.MANIFEST_FILE, dir, seconds);
        stdout.flush();
        return 0;
    }

    /**
     * The smoothed-ReLU CRN computes the network only approximately when it has ReLU layers:
     * measure how closely on the test split of the dataset the network was trained on, when it
     * can be loaded, and keep the figures in the manifest.
     */
    private Crn withApproximation(PrintWriter stdout, Network network, Crn crn) {
        if (!Boolean.TRUE.equals(crn.info().get("approximates_relu"))) {
            return crn;
        }
        Object datasetName = network.preprocessing().get("dataset");
        if (!(datasetName instanceof String name) || !Datasets.NAMES.contains(name)) {
            stdout.println("note: the smooth-relu CRN approximates this ReLU network; the network does not name a"
                    + " dataset to measure how closely on");
            return crn;
        }
        Dataset dataset;
        try {
            dataset = Datasets.forNetwork(network.preprocessing(), null, null, data.store());
        } catch (DataException e) {
            stdout.println("note: approximation not measured (" + e.getMessage() + ")");
            return crn;
        }
        String split = dataset.splits().containsKey("test") ? "test" : "all";
        CrnCompiler.Approximation a = CrnCompiler.approximation(network, crn, dataset.split(split).features());
        stdout.printf(Locale.ROOT, "smooth-relu approximation of the ReLU network on %s %s (%d examples): "
                        + "argmax agreement %.2f%%, max |output - s_eps(network output)| %.4g%n",
                name, split, a.examples(), 100 * a.argmaxAgreement(), a.maxAbsError());
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dataset", name);
        figures.put("split", split);
        figures.put("examples", a.examples());
        figures.put("argmax_agreement", a.argmaxAgreement());
        figures.put("max_abs_error", a.maxAbsError());
        info.put("relu_approximation", figures);
        return crn.withInfo(info);
    }

    /**
     * The subtract read-out's offset from the train split of the dataset the network names
     * ({@link ReadoutOffset#choose}); a usage error asking for {@code --readout-offset} when that
     * split cannot be had.
     */
    private ReadoutOffset offsetFromTrainSplit(PrintWriter stdout, Network network, Readout readoutStage) {
        Object datasetName = network.preprocessing().get("dataset");
        String why;
        if (!(datasetName instanceof String name) || !Datasets.NAMES.contains(name)) {
            why = "the network does not name a dataset";
        } else {
            try {
                Dataset dataset = Datasets.forNetwork(network.preprocessing(), null, null, data.store());
                if (dataset.splits().containsKey("train")) {
                    ReadoutOffset offset = ReadoutOffset.choose(network, dataset.split("train").features(),
                            ReadoutOffset.DEFAULT_COVERAGE, name + " train");
                    stdout.printf(Locale.ROOT, "read-out offset c = %s, chosen on %s train (%d examples): top output "
                                    + "+ c > 0 on %d of them%n", nn2crn.crn.CrnText.number(offset.value()), name,
                            offset.chosen().get("examples"), offset.chosen().get("covered"));
                    return offset;
                }
                why = "dataset " + name + " has no train split";
            } catch (DataException e) {
                why = e.getMessage();
            }
        }
        throw OptionChecks.error(spec, "--readout " + readoutStage + " needs --readout-offset C: " + why);
    }

    /** The cost of the CRN before and after the fan-out cap, as a CRN and as a DNA design. */
    private void printCap(PrintWriter stdout, Crn before, Crn after) {
        List<List<String>> rows = new ArrayList<>();
        for (Crn c : List.of(before, after)) {
            nn2crn.dna.DnaCost dna = nn2crn.dna.DnaTranslation.translate(c, nn2crn.dna.DnaTranslation.DEFAULT_SCHEME, nn2crn.dna.DnaOptions.DEFAULT)
                    .cost();
            int fanOut = CrnSize.of(c).maxFanOut();
            rows.add(List.of(c == before ? "before" : "after --max-fanout " + maxFanOut, Integer.toString(c.species().size()),
                    Integer.toString(c.reactions().size()), Integer.toString(fanOut),
                    String.format(Locale.ROOT, "%,d", dna.strands()), String.format(Locale.ROOT, "%,d", dna.nucleotides()),
                    Integer.toString(dna.largestComplex())));
        }
        stdout.print(Table.render(List.of("CRN", "species", "reactions", "max fan-out", "DNA strands", "DNA nt",
                "largest DNA complex"), rows));
    }

    static Path defaultOut(Path networkFile, Scheme scheme, boolean reduce, Readout readout) {
        Path parent = networkFile.toAbsolutePath().getParent();
        return parent.resolve("crn-" + scheme.id + (reduce ? "-reduced" : "") + (readout == Readout.RAILS ? "" : "-" + readout.id));
    }

    private <T> T parse(java.util.function.Supplier<T> parser, String option) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
