package nn2crn.cli;

import nn2crn.pipeline.DnaKinetics;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnManifest;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.dna.DnaCost;
import nn2crn.dna.DnaFiles;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nn2crn dna}: a formal CRN to DNA strand displacement, its cost, and its DNA-level kinetics. */
@Command(name = "dna", mixinStandardHelpOptions = true, subcommands = DnaMixCommand.class,
        header = "Translate a CRN into a DNA strand-displacement design, with its cost and checks.",
        description = {"Translate a CRN into a DNA strand-displacement system (Soloveichik, Seelig, Winfree 2010):",
                "writes the implementation CRN (network.crn, network.sbml, manifest.json with the DNA cost; nn2crn",
                "simulate runs it), system.pil (Nuskell, Peppercorn), system.dna (Visual DSD) and strands.csv.",
                "Prints the cost (longest strand included) and the design check: reactant orders changed to avoid",
                "the scheme's known cross-talk, or a line saying the design is NOT a correct implementation.",
                "With --network, first checks that the CRN computes that network, then simulates the DNA-level CRN",
                "on its dataset split, in nM and seconds, for each --kinetics-unit-nM, leak-free and with --leak-rate,",
                "and reads the answer at the --readout times. Nothing is written when a check fails."})
final class DnaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;
    @Mixin
    DataOptions data;
    @Mixin
    ThreadsOption threads;
    @Mixin
    SparkOptions spark;

    @Option(names = "--sbml", paramLabel = "WHEN", defaultValue = "auto",
            description = "Write network.sbml: auto (when the implementation CRN has at most 50,000 species; larger "
                    + "SBML files run to hundreds of MB), yes or no. Default: ${DEFAULT-VALUE}.")
    void setSbml(String value) {
        sbml = switch (value) {
            case "auto" -> DnaFiles.Sbml.AUTO;
            case "yes" -> DnaFiles.Sbml.YES;
            case "no" -> DnaFiles.Sbml.NO;
            default -> throw OptionChecks.error(spec, "--sbml: '" + value + "' is not one of auto, yes, no");
        };
    }

    private DnaFiles.Sbml sbml = DnaFiles.Sbml.AUTO;

    @Option(names = "--crn", paramLabel = "PATH", description = "A compile folder or a .crn file (required, except for "
            + "nn2crn dna mix).")
    Path crnPath;

    @Option(names = "--scheme", defaultValue = DnaTranslation.DEFAULT_SCHEME, paramLabel = "NAME",
            description = "Translation scheme. Default: ${DEFAULT-VALUE}.")
    String scheme;

    private double unitNm = 10;
    private List<Double> kineticsUnits;
    private double fuelNm = 100;
    private int toeholdNt = 5;
    private int domainNt = 15;
    private double leakRate = DnaOptions.DEFAULT_LEAK_PER_NM_S;
    private Integer maxStrandNt;
    private double gateLeak;
    private double[] readout = DnaKinetics.DEFAULT_READOUT;

    @Option(names = "--unit-nM", paramLabel = "C", defaultValue = "10",
            description = "Concentration of one network unit in the design, nM. Default: ${DEFAULT-VALUE}.")
    void setUnit(double value) {
        unitNm = OptionChecks.positiveFinite(spec, "--unit-nM", value);
    }

    @Option(names = "--kinetics-unit-nM", split = ",", paramLabel = "C",
            description = "With --network: the concentrations of a unit whose kinetics are compared, e.g. 1,10,100 "
                    + "(default: --unit-nM).")
    void setKineticsUnits(List<Double> values) {
        for (double v : values) {
            OptionChecks.positiveFinite(spec, "--kinetics-unit-nM", v);
        }
        kineticsUnits = List.copyOf(values);
    }

    @Option(names = "--fuel-nM", paramLabel = "C", defaultValue = "100",
            description = "Concentration of every fuel complex but the read-out stage's, nM. Default: ${DEFAULT-VALUE}.")
    void setFuel(double value) {
        fuelNm = OptionChecks.positiveFinite(spec, "--fuel-nM", value);
    }

    private Double readoutFuelNm;

    @Option(names = "--readout-fuel-nM", paramLabel = "C",
            description = "Concentration of the fuels of the read-out stage's annihilations (subtract, wta), nM: they "
                    + "fire what the classes cancel, often many units. Default: 10 x --fuel-nM.")
    void setReadoutFuel(double value) {
        readoutFuelNm = OptionChecks.positiveFinite(spec, "--readout-fuel-nM", value);
    }

    @Option(names = "--toehold-nt", paramLabel = "N", defaultValue = "5",
            description = "Toehold length. Default: ${DEFAULT-VALUE}.")
    void setToehold(int value) {
        toeholdNt = OptionChecks.atLeast(spec, "--toehold-nt", value, 1);
    }

    @Option(names = "--domain-nt", paramLabel = "N", defaultValue = "15",
            description = "Length of the long (branch-migration and history) domains. Default: ${DEFAULT-VALUE}.")
    void setDomain(int value) {
        domainNt = OptionChecks.atLeast(spec, "--domain-nt", value, 1);
    }

    @Option(names = "--leak-rate", paramLabel = "R", defaultValue = "1e-9",
            description = "With --network: leak, /nM/s, every gate also reacts with its translator as if triggered, "
                    + "simulated beside the leak-free (ideal) system; 0 for the ideal only. Default: ${DEFAULT-VALUE} "
                    + "(1 /M/s, Visual DSD's default leak rate constant). The written design is the ideal one.")
    void setLeakRate(double value) {
        leakRate = OptionChecks.nonNegativeFinite(spec, "--leak-rate", value);
    }

    @Option(names = "--gate-leak", paramLabel = "F", defaultValue = "0",
            description = "Fraction of every gate that starts triggered (Chen et al. 2013). Default: ${DEFAULT-VALUE}.")
    void setGateLeak(double value) {
        if (!(value >= 0 && value < 1)) {
            throw OptionChecks.error(spec, "--gate-leak must be a fraction in [0, 1), is " + value);
        }
        gateLeak = value;
    }

    @Option(names = "--max-strand-nt", paramLabel = "L",
            description = "Cap the CRN's fan-out (as compile --max-fanout does: the final state stays the same) so that "
                    + "no strand is longer than L nt, and print the cost before and after. Without it, strands over 200 nt "
                    + "(near where oligo synthesis stops) get a warning.")
    void setMaxStrandNt(int value) {
        maxStrandNt = OptionChecks.atLeast(spec, "--max-strand-nt", value, 1);
    }

    @Option(names = "--keep-reactant-order",
            description = "Build every bimolecular gate with its reactants in the written order, even where the other "
                    + "order avoids the scheme's known cross-talk (the design check then flags it).")
    boolean keepReactantOrder;

    @Option(names = "--sequences", description = "Also design a nucleotide sequence for every domain, check the strand "
            + "set, and write sequences/ and, if every check passes, order/ (plates, annealing, pipetting).")
    boolean sequences;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the sequence search: the same seed gives the same sequences. Default: ${DEFAULT-VALUE}.")
    long seed;

    private double volumeUL = 100;
    private double stockUM = 100;
    private double annealUM = 20;
    private double minUL = 0.5;
    private Double pricePerNt;
    private java.util.Map<String, Double> purificationPrice = java.util.Map.of();

    @Option(names = "--volume-uL", paramLabel = "V", defaultValue = "100",
            description = "With --sequences: the reaction volume of the pipetting plan, uL. Default: ${DEFAULT-VALUE}.")
    void setVolume(double v) {
        volumeUL = OptionChecks.positiveFinite(spec, "--volume-uL", v);
    }

    @Option(names = "--stock-uM", paramLabel = "C", defaultValue = "100",
            description = "With --sequences: the stock of every single strand (a resuspended oligo), uM. Default: "
                    + "${DEFAULT-VALUE}.")
    void setStock(double v) {
        stockUM = OptionChecks.positiveFinite(spec, "--stock-uM", v);
    }

    @Option(names = "--anneal-uM", paramLabel = "C", defaultValue = "20",
            description = "With --sequences: the concentration each complex is annealed at, and so its stock, uM. "
                    + "Default: ${DEFAULT-VALUE}.")
    void setAnneal(double v) {
        annealUM = OptionChecks.positiveFinite(spec, "--anneal-uM", v);
    }

    @Option(names = "--min-uL", paramLabel = "V", defaultValue = "0.5",
            description = "With --sequences: the smallest volume pipetted; a smaller one is taken from a 1:10^k dilution. "
                    + "Default: ${DEFAULT-VALUE}.")
    void setMin(double v) {
        minUL = OptionChecks.positiveFinite(spec, "--min-uL", v);
    }

    @Option(names = "--price-per-nt", paramLabel = "P", description = "With --sequences: your vendor's price of one "
            + "nucleotide, for the order's cost (none: no cost is given).")
    void setPricePerNt(double v) {
        pricePerNt = OptionChecks.nonNegativeFinite(spec, "--price-per-nt", v);
    }

    @Option(names = "--price-purification", split = ",", paramLabel = "KIND=P",
            description = "With --sequences: your vendor's price per strand of a purification, e.g. PAGE=60.")
    void setPurificationPrice(java.util.Map<String, Double> prices) {
        prices.forEach((k, v) -> OptionChecks.nonNegativeFinite(spec, "--price-purification " + k, v));
        purificationPrice = java.util.Map.copyOf(prices);
    }

    @Option(names = "--currency", paramLabel = "NAME", defaultValue = "",
            description = "With --sequences: the prices' currency, as printed beside the cost.")
    String currency;

    @Option(names = "--network", paramLabel = "FILE",
            description = "The network the CRN was compiled from: simulate the DNA-level CRN on its dataset split.")
    Path networkFile;

    @Option(names = "--split", paramLabel = "NAME", description = "Split to simulate (default: test, or all).")
    String split;

    private int limit;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only the first N examples (0: all).")
    void setLimit(int value) {
        limit = OptionChecks.atLeast(spec, "--limit", value, 0);
    }

    @Option(names = "--readout", split = ",", paramLabel = "SECONDS",
            description = "Read-out times in seconds (default: 10 min, 30 min, 1 h, 4 h, 10 h, 24 h); the last is t_max.")
    void setReadout(List<Double> values) {
        double last = 0;
        for (double v : values) {
            OptionChecks.positiveFinite(spec, "--readout", v);
            if (v <= last) {
                throw OptionChecks.error(spec, "--readout times must increase (" + last + " then " + v + ")");
            }
            last = v;
        }
        readout = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Option(names = "--colours", paramLabel = "K", defaultValue = "2",
            description = "Dyes a plate reader tells apart in one well: the aliquot plan (aliquots.csv) puts K classes' "
                    + "reporters in each well, each well with the whole circuit (subtract and wta read-outs). "
                    + "Default: ${DEFAULT-VALUE}.")
    int colours;

    @Option(names = "--dyes", split = ",", paramLabel = "DYE",
            description = "Dyes in the order the wells use them, each NAME (ATTO488, ATTO590, ATTO647N, Cy3, FAM, HEX, "
                    + "ROX, Cy5) or NAME:QUENCHER. Default: ATTO488,ATTO590,ATTO647N,Cy3.")
    List<String> dyes;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: dna-<scheme> beside the CRN).")
    Path out;

    @Override
    public Integer call() {
        if (crnPath == null) {
            throw OptionChecks.error(spec, "Missing required option: '--crn=PATH'");
        }
        if (!sequences) {
            for (String option : List.of("--volume-uL", "--stock-uM", "--anneal-uM", "--min-uL", "--price-per-nt",
                    "--price-purification", "--currency", "--seed")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw OptionChecks.error(spec, option + " applies to the sequences and the order: give --sequences");
                }
            }
        }
        spark.conf();
        if (networkFile == null && spark.master != null) {
            throw OptionChecks.error(spec, "--master: the DNA-level kinetics run on Spark; they need --network");
        }
        if (networkFile == null && (split != null || limit > 0 || kineticsUnits != null)) {
            throw OptionChecks.error(spec, "--split, --limit and --kinetics-unit-nM apply to the kinetics: give --network");
        }
        if (colours < 1) {
            throw OptionChecks.error(spec, "--colours must be at least 1, is " + colours);
        }
        List<nn2crn.dna.readout.AliquotPlan.Dye> dyeList = nn2crn.dna.readout.AliquotPlan.DEFAULT_DYES;
        if (dyes != null) {
            try {
                dyeList = dyes.stream().map(nn2crn.dna.readout.AliquotPlan.Dye::parse).toList();
            } catch (IllegalArgumentException e) {
                throw OptionChecks.error(spec, "--dyes: " + e.getMessage());
            }
        }
        if (dyeList.size() < colours) {
            throw OptionChecks.error(spec, "--colours " + colours + " needs " + colours + " dyes, --dyes gives "
                    + dyeList.size());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Crn formal = CrnFiles.read(crnPath);
        DnaOptions options;
        try {
            // the design written out is the ideal one: leak enters only the kinetics, beside the ideal
            options = new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, 0, 0).withKeepReactantOrder(keepReactantOrder);
            if (readoutFuelNm != null) {
                options = options.withReadoutFuelNm(readoutFuelNm);
            }
        } catch (IllegalArgumentException e) {
            throw new CrnException(e.getMessage());
        }
        if (maxStrandNt != null) {
            options = options.withMaxStrandNt(maxStrandNt);
        }
        // every check before anything is written
        Path crnFile = Files.isDirectory(crnPath) ? crnPath.resolve(CrnFiles.CRN_FILE) : crnPath;
        List<String> problems = DnaTranslation.problems(formal, scheme, crnFile);
        if (!problems.isEmpty()) {
            throw new CrnException(problems.get(0));
        }
        Network network = networkFile == null ? null : NetworkJson.read(networkFile);
        nn2crn.datasets.Split examples = network == null ? null : examples(network);
        if (network != null) {
            double[][] firstInputs = Arrays.copyOf(examples.features(), Math.min(NETWORK_CHECK_EXAMPLES, examples.size()));
            nn2crn.compile.NetworkMatch.problem(network, formal, firstInputs).ifPresent(p -> {
                throw new CrnException(networkFile + ": " + p);
            });
        }
        long start = System.nanoTime();
        Crn uncapped = formal;
        if (maxStrandNt != null) {
            formal = DnaTranslation.capStrandLength(formal, maxStrandNt, options);
            if (network != null && formal != uncapped && nn2crn.crn.CrnStructure.of(formal).rateIndependent()) {
                // the cap keeps the final state; show it on the examples, before anything is written
                double[][] inputs = examples.features();
                nn2crn.compile.NetworkMatch.problem(network, formal, inputs).ifPresent(p -> {
                    throw new IllegalStateException("the fan-out cap changed the final state: " + p);
                });
                stdout.printf(Locale.ROOT, "the capped CRN's final outputs equal the network's on all %d examples of %s "
                        + "(exact completion of the rate-independent CRN)%n", inputs.length, examples.name());
            } else if (formal != uncapped) {
                stdout.println("the capped CRN is rate-dependent (its read-out stage): the cap's final state is not "
                        + "checked by exact completion; the kinetics below show what it reads");
            }
        }
        DnaSystem system = DnaTranslation.translate(formal, scheme, options);
        DnaCost cost = system.cost();
        double seconds = (System.nanoTime() - start) / 1e9;
        Path base = Files.isDirectory(crnPath) ? crnPath : crnPath.toAbsolutePath().getParent();
        Path dir = out != null ? out : base.resolve("dna-" + scheme);
        Path manifest = crnPath.resolve(CrnFiles.MANIFEST_FILE);
        Map<String, Object> preprocessing = Files.isDirectory(crnPath) && Files.exists(manifest)
                ? CrnManifest.preprocessingRecord(manifest) : null;
        stdout.printf(Locale.ROOT, "%s translation of %s (%d species, %d reactions) in %.2f s:%n", scheme,
                uncapped.name(), uncapped.species().size(), uncapped.reactions().size(), seconds);
        DnaCost before = null;
        if (formal != uncapped) {
            before = DnaTranslation.translate(uncapped, scheme, options).cost();
            stdout.print(costTable(List.of(before, cost), List.of("as given (max fan-out "
                    + nn2crn.crn.CrnSize.of(uncapped).maxFanOut() + ")", "fan-out capped to "
                    + nn2crn.crn.CrnSize.of(formal).maxFanOut() + " (--max-strand-nt " + maxStrandNt + ")")));
            stdout.println("the cap adds " + (formal.reactions().size() - uncapped.reactions().size())
                    + " formal reactions and keeps the final state" + (nn2crn.crn.CrnStructure.of(uncapped).rateIndependent()
                    ? "" : " of the network's part (the read-out stage's reactions have at most 2 products: not split)")
                    + "; training with network.max_fanout keeps the accuracy with fewer products");
        } else {
            stdout.print(costTable(List.of(cost), List.of(formal.name())));
        }
        system.check().reordered().forEach(r -> stdout.println("reactant order: " + r));
        stdout.println("design check: " + system.check().verdict());
        cost.warnings().stream().filter(w -> !w.equals(system.check().verdict()))
                .forEach(w -> stdout.println("warning: " + w));
        nn2crn.dna.readout.AliquotPlan aliquots = null;
        if (!system.reporters().isEmpty()) {
            try {
                aliquots = nn2crn.dna.readout.AliquotPlan.of(system, colours, dyeList,
                        network == null ? null : network.classes());
            } catch (IllegalArgumentException e) {
                throw OptionChecks.error(spec, "--dyes: " + e.getMessage());
            }
        } else if (spec.commandLine().getParseResult().hasMatchedOption("--colours")
                || spec.commandLine().getParseResult().hasMatchedOption("--dyes")) {
            throw OptionChecks.error(spec, "--colours and --dyes plan the reporters' wells, and CRN " + crnPath + " has "
                    + "the dual-rail read-out (no reporters): compile it with --readout subtract or wta");
        }
        // the pipetting plan needs only the design: checked before anything is written
        nn2crn.dna.order.PipettingPlan plan = null;
        String noPlan = null;
        if (sequences) {
            try {
                plan = nn2crn.dna.order.PipettingPlan.of(system, volumeUL, stockUM, annealUM, minUL);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.error(spec, e.getMessage());
            } catch (CrnException e) {
                // the strands can still be designed and ordered; only one reaction cannot be pipetted so
                noPlan = e.getMessage();
            }
        }
        if (sequences && cost.longestStrandNt() > DnaOptions.SYNTHESIS_LIMIT_NT) {
            throw new CrnException("the design's longest strand is " + cost.longestStrandNt() + " nt, beyond what oligo "
                    + "synthesis makes (" + DnaOptions.SYNTHESIS_LIMIT_NT + " nt): no sequences to order (--max-strand-nt "
                    + DnaOptions.SYNTHESIS_LIMIT_NT + " caps the fan-out; --domain-nt and --toehold-nt set the lengths)");
        }
        for (String kind : purificationPrice.keySet()) {
            if (!List.of(nn2crn.dna.order.OrderSheet.PAGE, nn2crn.dna.order.OrderSheet.DESALTED).contains(kind)) {
                throw OptionChecks.error(spec, "--price-purification: '" + kind + "' is not a purification of the order ("
                        + nn2crn.dna.order.OrderSheet.PAGE + ", " + nn2crn.dna.order.OrderSheet.DESALTED + ")");
            }
        }
        // what an earlier run wrote beside the design is not this design's: no stale order or sequences
        deleteFolder(dir.resolve("sequences"));
        deleteFolder(dir.resolve(nn2crn.dna.order.OrderFiles.FOLDER));
        List<String> header = List.of("DNA implementation of CRN '" + formal.name() + "' (" + crnPath + "), by "
                        + Main.Version.versionLine(),
                "command: nn2crn " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        boolean wroteSbml = DnaFiles.write(system, header, preprocessing, before, aliquots, sbml, dir);
        stdout.println("wrote network.crn, " + (wroteSbml ? "network.sbml, " : "") + "manifest.json, " + DnaFiles.PIL_FILE
                + ", " + DnaFiles.DSD_FILE + ", " + DnaFiles.STRANDS_FILE
                + (aliquots == null ? "" : ", " + DnaFiles.ALIQUOTS_FILE) + " in " + dir);
        if (!wroteSbml && sbml == DnaFiles.Sbml.AUTO) {
            stdout.printf(Locale.ROOT, "network.sbml left out: the implementation CRN has %,d species, above %,d "
                    + "(--sbml yes writes it)%n", system.complexes().size(), DnaFiles.Sbml.AUTO_MAX_SPECIES);
        }
        if (aliquots != null) {
            stdout.printf(Locale.ROOT, "aliquot plan: %d reporters, %d per well, %d wells, each with the whole circuit%n",
                    system.reporters().size(), colours, aliquots.wells().size());
            stdout.print(Table.render(nn2crn.dna.readout.AliquotPlan.TABLE_HEADER, aliquots.table()));
            stdout.println("how to read: " + aliquots.rule());
        } else {
            stdout.println("read-out: two species per class (dual rails, y = pos - neg): no reporters; compile with "
                    + "--readout subtract or wta for one reporter per class");
        }
        stdout.flush();
        if (sequences && !sequencesAndOrder(stdout, system, plan, noPlan, aliquots, header, dir)) {
            return 1;
        }
        if (network != null) {
            kinetics(stdout, formal, network, examples, options, dir.resolve("kinetics"));
        }
        return 0;
    }

    /**
     * Designs the sequences, checks them and writes {@code sequences/}; only if every check passes,
     * the order, annealing recipe and pipetting plan ({@code order/}). False when a check failed.
     */
    private boolean sequencesAndOrder(PrintWriter stdout, DnaSystem system, nn2crn.dna.order.PipettingPlan plan,
                                      String noPlan, nn2crn.dna.readout.AliquotPlan aliquots, List<String> header, Path dir) {
        nn2crn.dna.thermo.Conditions conditions = nn2crn.dna.thermo.Conditions.DEFAULT;
        nn2crn.dna.sequences.SequenceDesigner.Settings settings = nn2crn.dna.sequences.SequenceDesigner.Settings
                .defaults(sequence -> nn2crn.dna.thermo.NearestNeighbor.deltaG(sequence, conditions)).withSeed(seed);
        long start = System.nanoTime();
        nn2crn.dna.sequences.SequenceDesign design = nn2crn.dna.sequences.SequenceDesigner.design(system, settings);
        nn2crn.dna.sequences.SequenceChecks.Report report = nn2crn.dna.sequences.SequenceFiles.write(design,
                dir.resolve("sequences"));
        stdout.printf(Locale.ROOT, "sequences: %,d domains, %,d nt, k = %d, seed %d, score %d after %,d moves, %.1f s "
                        + "(toehold dG at %s C, %s mM Mg2+, %s mM Na+):%n", design.domainSequences().size(), design.totalNt(),
                design.k(), design.seed(), design.score(), design.iterations(), (System.nanoTime() - start) / 1e9,
                nn2crn.crn.CrnText.number(conditions.temperatureC()), nn2crn.crn.CrnText.number(conditions.mgMM()),
                nn2crn.crn.CrnText.number(conditions.naMM()));
        for (nn2crn.dna.sequences.SequenceChecks.Check check : report.checks()) {
            stdout.println("  " + (check.passed() ? "ok     " : "FAILED ") + check.name() + ": " + check.summary());
            check.failures().stream().limit(5).forEach(f -> stdout.println("           " + f));
        }
        if (!design.passed() || !report.passed()) {
            design.problems().forEach(p -> stdout.println("  problem: " + p));
            stdout.println("the sequences fail their checks (" + dir.resolve("sequences").resolve(
                    nn2crn.dna.sequences.SequenceFiles.CHECKS_FILE) + "): no order written");
            stdout.flush();
            spec.commandLine().getErr().println("nn2crn: error: the sequences of " + dir + " fail their checks: no order "
                    + "written (see sequences/checks.txt)");
            return false;
        }
        nn2crn.dna.order.OrderSheet sheet = nn2crn.dna.order.OrderSheet.make(system, design.strandSequences(),
                new nn2crn.dna.order.OrderSheet.Settings(nn2crn.dna.order.OrderSheet.Settings.DEFAULT.minPlateFill(),
                        pricePerNt, purificationPrice, currency), aliquots == null ? Map.of() : aliquots.modifications());
        nn2crn.dna.order.AnnealingRecipe annealing = nn2crn.dna.order.AnnealingRecipe.of(system, annealUM);
        Path orderDir = dir.resolve(nn2crn.dna.order.OrderFiles.FOLDER);
        nn2crn.dna.order.OrderFiles.write(sheet, annealing, plan, noPlan, header, orderDir);
        stdout.println("order:");
        sheet.summary().forEach(l -> stdout.println("  " + l.strip()));
        stdout.printf(Locale.ROOT, "  annealing: %d complexes at %s uM%n", annealing.complexes().size(),
                nn2crn.crn.CrnText.number(annealUM));
        if (plan != null) {
            stdout.printf(Locale.ROOT, "  one %s uL reaction: master mix %.2f uL of %d components%n",
                    nn2crn.crn.CrnText.number(volumeUL), plan.masterVolumeUL(), plan.steps().size());
        } else {
            stdout.println("warning: no pipetting plan: " + noPlan);
        }
        stdout.println("wrote " + dir.resolve("sequences") + " and " + orderDir + " (README.md says what to do); "
                + "per-sample inputs: nn2crn dna mix --design " + dir + " --samples FILE.csv");
        stdout.flush();
        return true;
    }

    private static void deleteFolder(Path folder) {
        try {
            nn2crn.io.AtomicFiles.deleteFolder(folder);
        } catch (java.io.UncheckedIOException e) {
            throw new CrnException(folder + ": cannot remove the earlier run's files (" + e.getCause().getMessage() + ")");
        }
    }

    /** Examples whose final outputs are compared with the network's before anything is written. */
    static final int NETWORK_CHECK_EXAMPLES = 5;

    private nn2crn.datasets.Split examples(Network network) {
        Dataset dataset = Datasets.forNetwork(network.preprocessing(), null, null, data.store());
        String splitName = split != null ? split : dataset.splits().containsKey("test") ? "test" : "all";
        nn2crn.datasets.Split examples = dataset.split(splitName);
        if (limit > 0 && examples.size() > limit) {
            examples = examples.select(splitName, java.util.stream.IntStream.range(0, limit).toArray());
        }
        return examples;
    }

    private void kinetics(PrintWriter stdout, Crn formal, Network network, nn2crn.datasets.Split examples,
                          DnaOptions options, Path dir) {
        stdout.printf(Locale.ROOT, "DNA-level kinetics on %d examples of %s, read out at %s -> %s%n", examples.size(),
                examples.name(), String.join(", ", Arrays.stream(readout).mapToObj(DnaKinetics::time).toList()),
                dir);
        stdout.flush();
        ConsoleLog log = new ConsoleLog(stdout, spec.commandLine().getErr());
        List<DnaKinetics.Result> results;
        try (nn2crn.pipeline.SparkSimulation onSpark = spark.simulation(log)) {
            results = DnaKinetics.run(formal, formal.name(), scheme, options,
                    DnaKinetics.settings(kineticsUnits != null ? kineticsUnits : List.of(unitNm), leakRate, gateLeak),
                    network, examples, readout, threads.count(), java.util.Set.of(0), dir, log,
                    SparkOptions.engine(onSpark));
        }
        stdout.println("read-out at each time (an example's output error: its largest |crn - nn|, network units"
                + (leakRate > 0 ? "; leak " + DnaKinetics.rate(leakRate) + " /nM/s beside the leak-free ideal"
                : "; leak-free") + "):");
        stdout.print(Table.render(DnaKinetics.TABLE_HEADER, DnaKinetics.table(results)));
        stdout.println("wrote " + dir.resolve(DnaKinetics.CSV_FILE) + " and " + DnaKinetics.PLOT_FILE);
        stdout.flush();
    }

    /** One row per translation: the cost figures. */
    static String costTable(List<DnaCost> costs, List<String> names) {
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < costs.size(); k++) {
            List<String> row = new ArrayList<>(List.of(names.get(k)));
            row.addAll(costs.get(k).tableCells());
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("CRN"));
        header.addAll(DnaCost.TABLE_HEADER);
        return Table.render(header, rows);
    }
}
