package nn2crn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nn2crn.dna.order.OrderFiles;
import nn2crn.dna.order.PipettingPlan;
import nn2crn.dna.order.SampleMix;
import nn2crn.io.AtomicFiles;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nn2crn dna mix}: per-sample input strand volumes from raw measurements. */
@Command(name = "mix", mixinStandardHelpOptions = true,
        header = "Per-sample input mixes of a DNA design, from new measurements in raw units.",
        description = {"Reads a design folder (nn2crn dna) and a CSV of samples in raw feature units (one column per",
                "feature, named as the design's features; an optional 'sample' column names them), applies the",
                "network's recorded preprocessing and the CRN's input map, and writes per sample the volume of",
                "each input strand for one reaction (and, with --network, the network's prediction for it)."})
final class DnaMixCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    CommonOptions common;

    @Option(names = "--design", required = true, paramLabel = "DIR", description = "A design folder written by nn2crn dna.")
    Path design;

    @Option(names = "--samples", required = true, paramLabel = "CSV", description = "The samples, in raw feature units.")
    Path samples;

    @Option(names = "--network", paramLabel = "FILE", description = "The network the design implements: print its "
            + "prediction for each sample.")
    Path networkFile;

    private Double volumeUL;
    private Double stockUM;
    private Double minUL;

    @Option(names = "--volume-uL", paramLabel = "V", description = "Reaction volume (default: the design's order/plan.json, "
            + "else 100).")
    void setVolume(double v) {
        volumeUL = OptionChecks.positiveFinite(spec, "--volume-uL", v);
    }

    @Option(names = "--stock-uM", paramLabel = "C", description = "Stock of each input strand (default: the design's "
            + "order/plan.json, else 100).")
    void setStock(double v) {
        stockUM = OptionChecks.positiveFinite(spec, "--stock-uM", v);
    }

    @Option(names = "--min-uL", paramLabel = "V", description = "Smallest volume pipetted; smaller ones come from a "
            + "1:10^k dilution (default: the design's order/plan.json, else 0.5).")
    void setMin(double v) {
        minUL = OptionChecks.positiveFinite(spec, "--min-uL", v);
    }

    @Option(names = "--out", paramLabel = "FILE", description = "Output CSV (default: order/mix-<samples file name> in "
            + "the design folder).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Path plan = design.resolve(OrderFiles.FOLDER).resolve(OrderFiles.PLAN_FILE);
        JsonNode planned;
        try {
            planned = Files.exists(plan) ? JSON.readTree(plan.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new nn2crn.crn.CrnException(plan + ": not a readable JSON file (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (volumeUL != null && planned.has("volume_uL") && planned.get("volume_uL").asDouble() != volumeUL) {
            // the master mix was sized for the plan's volume: a mix for another volume would dilute it
            throw OptionChecks.error(spec, "--volume-uL " + volumeUL + ": the design's master mix is planned for "
                    + planned.get("volume_uL").asDouble() + " uL (" + plan + "): rerun nn2crn dna --sequences --volume-uL "
                    + volumeUL);
        }
        double volume = volumeUL != null ? volumeUL : planned.path("volume_uL").asDouble(100);
        double stock = stockUM != null ? stockUM : planned.path("strand_stock_uM").asDouble(100);
        double min = minUL != null ? minUL : planned.path("min_uL").asDouble(0.5);
        double master = planned.path("master_mix_uL").asDouble(Double.NaN);
        Network network = networkFile == null ? null : NetworkJson.read(networkFile);
        SampleMix mix = SampleMix.of(design, samples, volume, stock, min);
        if (network != null && network.inputs() != mix.features().size()) {
            throw new nn2crn.crn.CrnException(networkFile + ": network '" + network.name() + "' has " + network.inputs()
                    + " inputs, the design " + mix.features().size());
        }
        if (network != null) {
            // the prediction is only the design's if the network standardizes the inputs as the design does
            List<Double> designMean = mix.features().stream().map(SampleMix.Feature::mean).toList();
            boolean standardized = designMean.stream().noneMatch(m -> Double.isNaN(m));
            Object networkMean = network.preprocessing() == null ? null : network.preprocessing().get("mean");
            if (standardized && networkMean instanceof List<?> means && (means.size() != designMean.size()
                    || java.util.stream.IntStream.range(0, means.size()).anyMatch(f -> !(means.get(f) instanceof Number n)
                    || n.doubleValue() != designMean.get(f)))) {
                throw new nn2crn.crn.CrnException(networkFile + ": network '" + network.name() + "' standardizes its "
                        + "inputs with other means than the design " + design + ": not the network it implements");
            }
        }
        List<String> header = new ArrayList<>(List.of("sample", "line"));
        mix.features().forEach(f -> header.add(f.name()));
        if (network != null) {
            header.add("network_prediction");
        }
        for (String strand : mix.inputStrands()) {
            header.addAll(List.of(strand + "_nM", strand + "_dilute_1_to", strand + "_uL"));
        }
        header.addAll(List.of("inputs_uL", "buffer_uL"));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        for (SampleMix.Sample s : mix.samples()) {
            List<String> row = new ArrayList<>(List.of(s.name(), Integer.toString(s.line())));
            for (double r : s.raw()) {
                row.add(nn2crn.crn.CrnText.number(r));
            }
            String prediction = "";
            if (network != null) {
                int k = ForwardPass.predict(network, s.features());
                prediction = network.classes() != null && k < network.classes().size() ? network.classes().get(k)
                        : Integer.toString(k);
                row.add(prediction);
            }
            for (PipettingPlan.Step step : s.steps()) {
                row.addAll(List.of(nn2crn.crn.CrnText.number(step.finalNM()), Integer.toString(step.dilution()),
                        String.format(Locale.ROOT, "%.3f", step.volumeUL())));
            }
            double buffer = Double.isNaN(master) ? Double.NaN : volume - master - s.volumeUL();
            if (buffer < 0) {
                throw new nn2crn.crn.CrnException(samples + ":" + s.line() + ": sample '" + s.name() + "' needs "
                        + String.format(Locale.ROOT, "%.1f uL of inputs beside the %.1f uL master mix, more than the %.1f "
                        + "uL reaction: raise --stock-uM or --volume-uL", s.volumeUL(), master, volume));
            }
            row.addAll(List.of(String.format(Locale.ROOT, "%.3f", s.volumeUL()),
                    Double.isNaN(buffer) ? "" : String.format(Locale.ROOT, "%.3f", buffer)));
            rows.add(row);
            List<String> line = new ArrayList<>(List.of(s.name()));
            if (network != null) {
                line.add(prediction);
            }
            line.addAll(List.of(String.format(Locale.ROOT, "%.2f", s.volumeUL()),
                    Long.toString(s.steps().stream().filter(t -> t.volumeUL() > 0).count()),
                    Double.isNaN(buffer) ? "" : String.format(Locale.ROOT, "%.2f", buffer)));
            shown.add(line);
        }
        Path file = out != null ? out : design.resolve(OrderFiles.FOLDER).resolve("mix-" + samples.getFileName());
        StringBuilder csv = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter p = new org.apache.commons.csv.CSVPrinter(csv,
                org.apache.commons.csv.CSVFormat.DEFAULT)) {
            p.printRecord(header);
            for (List<String> r : rows) {
                p.printRecord(r);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, csv.toString());
        stdout.printf(Locale.ROOT, "%d samples, %d input strands, %s uL reactions, strands from %s uM stocks%s:%n",
                mix.samples().size(), mix.inputStrands().size(), nn2crn.crn.CrnText.number(volume),
                nn2crn.crn.CrnText.number(stock), Double.isNaN(master) ? "" : String.format(Locale.ROOT,
                        ", master mix %.2f uL", master));
        List<String> columns = new ArrayList<>(List.of("sample"));
        if (network != null) {
            columns.add("network prediction");
        }
        columns.addAll(List.of("inputs uL", "input strands pipetted", "buffer uL"));
        stdout.print(Table.render(columns, shown));
        stdout.println("wrote " + file);
        stdout.flush();
        return 0;
    }
}
