package nn2crn.cli;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnOutput;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import nn2crn.simulate.Evaluation;
import nn2crn.simulate.Examples;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRN to simulate and its examples: a dataset split through a network (inputs placed by the
 * compile folder's input map), or a table of initial concentrations for any CRN.
 */
final class ExampleSource {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--crn", required = true, paramLabel = "PATH",
            description = "A compile output folder (network.crn + manifest.json) or any .crn file.")
    Path crnPath;

    @Option(names = "--network", paramLabel = "FILE", description = "The network the CRN was compiled from (dataset mode).")
    Path networkFile;

    @Option(names = "--dataset", paramLabel = "NAME", description = "iris, mnist or virus (default: the one the network records).")
    String dataset;

    @Option(names = "--variant", paramLabel = "V", description = "Preprocessing variant (default: the one the network records).")
    String variant;

    @Option(names = "--split", paramLabel = "NAME", description = "Split to simulate (default: test, or all where there is none).")
    String split;

    private int limit;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Only the first N examples of the split (0: all).")
    void setLimit(int value) {
        limit = OptionChecks.atLeast(spec, "--limit", value, 0);
    }

    @Option(names = "--inputs", paramLabel = "CSV", description = "Any-CRN mode: one example per row; a column named after "
            + "a species sets its initial concentration, a 'label' column is carried through.")
    Path inputs;

    @Option(names = "--output", paramLabel = "NAME=A[-B]", description = "Any-CRN mode: an output read as A - B (or A); "
            + "repeat for each output. Default: the compile folder's outputs.")
    List<String> outputSpecs = new ArrayList<>();

    @Mixin
    DataOptions data;

    /** What was loaded: the CRN, the examples, and the network if any. */
    record Loaded(Crn crn, List<Evaluation.Example> examples, Network network, String description) {
    }


    Loaded load() {
        // a usage error (exit 2) before any file is read
        if (inputs != null && networkFile != null) {
            throw OptionChecks.error(spec, "give either --inputs (any CRN) or --network (a dataset), not both");
        }
        if (inputs == null && networkFile == null) {
            throw OptionChecks.error(spec, "give --network (to simulate a dataset split) or --inputs (a table of initial "
                    + "concentrations)");
        }
        Crn crn = CrnFiles.read(crnPath);
        if (!outputSpecs.isEmpty()) {
            crn = Examples.withOutputs(crn, outputSpecs.stream().map(Examples::parseOutput).toList());
        }
        if (inputs != null) {
            return new Loaded(crn, Examples.fromTable(inputs, crn), null, inputs.toString());
        }
        Network network = NetworkJson.read(networkFile);
        Dataset d = Datasets.forNetwork(network.preprocessing(), dataset, variant, data.store());
        String name = d.name();
        String s = split != null ? split : d.splits().containsKey("test") ? "test" : "all";
        if (!d.splits().containsKey(s)) {
            throw new CrnException("--split " + s + ": dataset " + name + " has splits " + String.join(", ", d.splits().keySet()));
        }
        return new Loaded(crn, Examples.fromSplit(network, crn, d.split(s), limit), network,
                name + " " + s + (limit > 0 ? " (first " + limit + ")" : ""));
    }

    Path defaultOut(String name) {
        Path base = Files.isDirectory(crnPath) ? crnPath : crnPath.toAbsolutePath().getParent();
        return base.resolve(name);
    }

    static List<String> outputNames(Crn crn) {
        return crn.outputs().stream().map(CrnOutput::name).toList();
    }
}
