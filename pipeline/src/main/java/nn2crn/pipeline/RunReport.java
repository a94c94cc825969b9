package nn2crn.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nn2crn.io.AtomicFiles;
import nn2crn.simulate.SimulationPlots;
import nn2crn.train.TrainConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.md} and {@code report.json} of one {@code nn2crn run}. */
public final class RunReport {

    public static final String MARKDOWN = "report.md";
    public static final String JSON_FILE = "report.json";
    static final String SIZE_CHART = "crn-size.png";
    public static final List<String> TABLE_HEADER = List.of("dataset", "network", "weights", "scheme", "NN acc (split, n)",
            "CRN acc", "CRN = NN", "max abs err", "species / reactions", "median convergence time (CRN time units)",
            "molecules / unit for 99% CRN = NN");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    public static List<String> tableRow(RunPipeline.Row r) {
        // a user's CSV dataset is named by its config ("csv" says nothing)
        return List.of(r.dataset().equals("csv") ? r.config() : r.dataset(), r.architecture(), r.weights(), r.label(),
                String.format(Locale.ROOT, "%s (%s, %d%s)", percent(r.nnAccuracy()), r.split(), r.examples(),
                        r.sampled() ? ", seeded sample" : ""),
                percent(r.crnAccuracy()),
                agreement(r),
                r.maxAbsError() == null ? "" : String.format(Locale.ROOT, "%.2g", r.maxAbsError()),
                r.species() + " / " + r.reactions(),
                r.convergenceMedian() == null ? "" : String.format(Locale.ROOT, "%.3g", r.convergenceMedian()),
                !r.rateIndependent() ? "" : r.moleculesFor99() == null ? "> 10^6"
                        : nn2crn.crn.CrnText.number(r.moleculesFor99()));
    }

    /** "agreeing/completed", with the stopped examples (excluded) named by status. */
    static String agreement(RunPipeline.Row r) {
        String stopped = r.stopped().isEmpty() ? "" : " (" + (r.examples() - r.completed()) + " stopped, excluded: "
                + r.stopped().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        if (r.agreement() == null) {
            return "none completed" + stopped;
        }
        return String.format(Locale.ROOT, "%d/%d", Math.round(r.agreement() * r.completed()), r.completed()) + stopped;
    }

    public static String percent(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    public static String markdownTable(List<String> header, List<List<String>> rows) {
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.toString();
    }

    static void write(RunPipeline.Result result, String configSource, String command) {
        Path dir = result.runDir();
        List<RunPipeline.Row> rows = result.rows();
        SimulationPlots.sizes(rows.stream().map(RunPipeline.Row::label).toList(),
                rows.stream().map(RunPipeline.Row::species).toList(),
                rows.stream().map(RunPipeline.Row::reactions).toList(), dir.resolve(SIZE_CHART));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", result.config().name());
        json.put("config_file", configSource);
        json.put("command", command);
        json.put("description", result.config().description());
        json.put("training_accuracy", result.trainAccuracy());
        json.put("rows", rows);
        json.put("rate_robustness", result.robustness());
        json.put("dna", result.dna().stream().map(RunReport::dnaJson).toList());
        json.put("versions", Versions.all());
        json.put("seconds", result.seconds());
        try {
            AtomicFiles.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(json) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }

        StringBuilder md = new StringBuilder();
        md.append("# ").append(result.config().name()).append("\n\n");
        if (result.config().description() != null) {
            md.append(result.config().description()).append("\n\n");
        }
        md.append("## Results\n\n");
        md.append(markdownTable(TABLE_HEADER, rows.stream().map(RunReport::tableRow).toList())).append('\n');
        rows.stream().filter(r -> r.readout().equals("wta")).findFirst().ifPresent(r -> md.append("The wta read-out's "
                + "CRN is integrated to t = ").append(fmt(r.tMax())).append(": its restoration runs at ")
                .append(fmt(nn2crn.compile.WtaReadout.RESTORATION_RATE)).append(" of the network's rate. Its outputs end at "
                + "the winner's restored level and 0, so its max abs err measures how far it is from an ideal "
                + "winner-take-all.\n\n"));
        String train = dir.relativize(result.trainDir()).toString();
        md.append("NN acc: the binarized network (plain-Java forward pass of `" + train + "/network.json`). CRN acc: the argmax "
                + "of the CRN's outputs after integrating its mass-action ODEs to t = ")
                .append(fmt(result.config().simulate().tMax()))
                .append(" (CRN time units: every rate constant is 1, so time has no unit until a DNA design gives it "
                        + "seconds). CRN = NN: examples where both argmaxes agree, out of those whose integration completed (an "
                        + "example stopped by the step budget, step underflow or a blow-up has no final state; it is "
                        + "counted apart and excluded from the CRN's figures). max abs err: the largest difference between a CRN "
                        + "output and the value it should reach. Convergence time: when every output is within 1% (or 0.01) "
                        + "of its final value. Molecules / unit: with N molecules per network unit (a concentration c is "
                        + "round(N c) whole molecules), the smallest N of 1, 2, 3, 5, 10, 20, ... 10^6 from which the exact "
                        + "final state agrees with the network on at least 99% of the examples (rate-independent CRNs only; "
                        + "`nn2crn molecules` tabulates it).\n\n");
        for (RunPipeline.Row r : rows) {
            if (r.rateIndependent()) {
                md.append("The ").append(r.label()).append(" CRN is non-competitive "
                        + "and feed-forward (checked): its final values do not depend on the rate constants; the argmax "
                        + "read-out is robust only up to the margin between the network's top two outputs");
                if (r.marginMedian() != null) {
                    md.append(String.format(Locale.ROOT, " (median margin %.3g; per example in `%s/results.csv`, "
                            + "column nn_margin)", r.marginMedian(), r.folder()));
                }
                md.append(".\n\n");
            }
        }
        for (RunPipeline.Row r : rows) {
            if (!r.disagreements().isEmpty()) {
                md.append("Disagreements (").append(r.label()).append("): examples ")
                        .append(r.disagreements()).append(" (see `").append(r.folder()).append("/results.csv`).\n\n");
            }
        }
        md.append("Training accuracy of the binarized network per split: ");
        List<String> acc = new ArrayList<>();
        result.trainAccuracy().forEach((split, a) -> acc.add(split + " " + percent(a)));
        md.append(String.join(", ", acc)).append(" (`").append(train).append("/summary.json`, `").append(train)
                .append("/training.png`).\n\n");

        md.append("## Kinetics\n\nOutputs over time (solid) and the network's values (dashed):\n\n");
        for (RunPipeline.Row r : rows) {
            for (int id : result.config().simulate().plotExamples()) {
                Path png = dir.resolve(r.folder()).resolve("trajectory-" + id + ".png");
                if (Files.exists(png)) {
                    md.append("![").append(r.label()).append(", example ").append(id)
                            .append("](").append(r.folder()).append("/trajectory-").append(id).append(".png) ");
                }
            }
            md.append("\n\n");
        }
        md.append("## CRN size\n\n![CRN size](").append(SIZE_CHART).append(")\n\n");
        if (!result.robustness().isEmpty()) {
            md.append("## Rate robustness\n\nThe CRNs under random rate constants, each multiplied by a factor drawn "
                    + "log-uniformly from the range in its row (random:LOW:HIGH:DRAW): [").append(fmt(RunPipeline.DRAW_LOW))
                    .append(", ").append(fmt(RunPipeline.DRAW_HIGH)).append("] for a rate-independent CRN, and for the "
                    + "rate-dependent wta read-out the spread measured for strand-displacement gates, [1 - s, 1 + s] with "
                    + "s = simulate.wta_rate_spread (").append(fmt(result.config().simulate().wtaRateSpread()))
                    .append("):\n\n");
            List<List<String>> table = new ArrayList<>();
            for (Map<String, Object> d : result.robustness()) {
                table.add(List.of(String.valueOf(d.get("crn")), d.get("rates").toString(), d.get("examples").toString(),
                        d.get("completed").toString(), fmt(d.get("t_max")), percent((Double) d.get("accuracy")),
                        percent((Double) d.get("agreement")), number(d.get("max_abs_error"), "%.2g"),
                        number(d.get("convergence_time_median"), "%.3g")));
            }
            md.append(markdownTable(List.of("CRN", "rates", "examples", "completed", "t_max (CRN time units)", "CRN acc",
                    "CRN = NN", "max abs err", "median convergence time (CRN time units)"), table)).append('\n');
        }
        if (rows.stream().map(RunPipeline.Row::readout).distinct().count() > 1) {
            readoutsSideBySide(md, result);
        }
        if (!result.dna().isEmpty()) {
            dnaSection(md, result);
        }
        md.append("## How this was made\n\n```\n").append(command).append("\n```\n\n");
        Versions.all().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append(String.format(Locale.ROOT, "- wall time of this run: %.1f s%n", result.seconds()));
        AtomicFiles.writeString(dir.resolve(MARKDOWN), md.toString());
    }

    private static Map<String, Object> dnaJson(RunPipeline.DnaRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("crn", row.crn());
        m.put("readout", row.readoutStage());
        m.put("folder", row.folder());
        if (row.aliquots() != null) {
            m.put("aliquots", row.aliquots().describe());
        }
        m.put("cost", row.cost().describe());
        m.put("design_check", row.check());
        if (row.uncappedCost() != null) {
            m.put("cost_before_max_strand_nt", row.uncappedCost().describe());
        }
        m.put("readout_times_s", row.readout());
        m.put("kinetics", row.kinetics().stream().map(k -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("unit_nM", k.setting().unitNm());
            e.put("leak_rate_per_nM_s", k.setting().leakRate());
            e.put("gate_leak", k.setting().gateLeak());
            e.put("fuel_limited_examples", k.fuelLimited());
            e.put("readout", k.readouts().stream().map(nn2crn.simulate.Readout::describe).toList());
            e.put("argmax_agrees_from", k.summary().get("argmax_agrees_from"));
            return e;
        }).toList());
        return m;
    }

    /** Cost of each translated CRN, and its DNA-level accuracy and agreement at the read-out times. */
    private static void dnaSection(StringBuilder md, RunPipeline.Result result) {
        TrainConfig.DnaSection d = result.config().dna();
        md.append("## DNA implementation\n\n").append(d.scheme()).append(" translation (Soloveichik, Seelig, Winfree "
                + "2010), ").append(d.toeholdNt()).append("-nt toeholds, ").append(d.domainNt()).append("-nt long domains, "
                + "fuels at ").append(fmt(d.fuelNm())).append(" nM; rate constants after Peppercorn's model.\n\n");
        List<List<String>> costs = new ArrayList<>();
        for (RunPipeline.DnaRow row : result.dna()) {
            if (row.uncappedCost() != null) {
                List<String> before = new ArrayList<>(List.of(row.label() + " (before dna.max_strand_nt)"));
                before.addAll(row.uncappedCost().tableCells());
                costs.add(before);
            }
            List<String> cells = new ArrayList<>(List.of(row.label() + (row.uncappedCost() != null ? " (fan-out capped to "
                    + "strands of at most " + d.maxStrandNt() + " nt)" : "")));
            cells.addAll(row.cost().tableCells());
            costs.add(cells);
        }
        List<String> costHeader = new ArrayList<>(List.of("CRN"));
        costHeader.addAll(nn2crn.dna.DnaCost.TABLE_HEADER);
        md.append(markdownTable(costHeader, costs)).append('\n');
        for (RunPipeline.DnaRow row : result.dna()) {
            md.append("Design check (").append(row.label()).append("): ").append(row.check()).append(".\n\n");
            row.cost().warnings().forEach(w -> md.append("Warning (").append(row.label()).append("): ").append(w)
                    .append(".\n\n"));
            List<String> header = DnaKinetics.TABLE_HEADER;
            List<List<String>> table = DnaKinetics.table(row.kinetics());
            md.append("DNA-level read-out of the ").append(row.label()).append(" CRN at each time (`").append(row.folder()).append("/kinetics/`): accuracy, agreement "
                    + "with the network, and the median and largest over examples of an example's output error (the largest "
                    + "|crn - nn| over its outputs, network units). " + (d.leakRate() > 0 ? "Rows with a leak: every gate also reacts with its "
                    + "translator at " + DnaKinetics.rate(d.leakRate()) + " /nM/s (" + DnaKinetics.LEAK_SOURCE + "); the leak-free rows "
                    + "are the ideal. " : "Leak-free (ideal) only: dna.leak_rate is 0. ") + "Fuel-limited examples need more of some "
                    + "gate than the fuel concentration supplies (each reaction of a rate-independent CRN fires a fixed "
                    + "amount): their outputs cannot reach the network's values however long one waits (the argmax may still be "
                    + "right).\n\n")
                    .append(markdownTable(header, table)).append('\n');
            md.append("![accuracy against time](").append(row.folder()).append("/kinetics/").append(DnaKinetics.PLOT_FILE)
                    .append(")\n\n");
            if (row.aliquots() != null) {
                md.append("Read through one fluorophore-quencher reporter per class (the outputs above are their "
                        + "fluorescence, in network units). Aliquot plan (`").append(row.folder()).append("/")
                        .append(nn2crn.dna.DnaFiles.ALIQUOTS_FILE).append("`), ").append(row.aliquots().colours())
                        .append(" dyes per well, each well with the whole circuit:\n\n")
                        .append(markdownTable(nn2crn.dna.readout.AliquotPlan.TABLE_HEADER, row.aliquots().table()))
                        .append("\nHow to read: ").append(row.aliquots().rule()).append(".\n\n");
                if (!row.kinetics().isEmpty()) {
                    String setting = row.kinetics().get(0).setting().folder();
                    for (int id : result.config().simulate().plotExamples()) {
                        String png = row.folder() + "/kinetics/" + setting + "/trajectory-" + id + ".png";
                        if (Files.exists(result.runDir().resolve(png))) {
                            md.append("![fluorescence, example ").append(id).append("](").append(png).append(") ");
                        }
                    }
                    md.append("\n\n");
                }
            }
        }
    }

    /**
     * One row per read-out: whether its final state is rate-independent, its agreement with the
     * network at ideal rates and under the rate draws, and at DNA level (ideal and with leak) at the
     * last read-out time, with the time from which the DNA-level answer can be read.
     */
    private static void readoutsSideBySide(StringBuilder md, RunPipeline.Result result) {
        TrainConfig.DnaSection d = result.config().dna();
        List<List<String>> table = new ArrayList<>();
        for (RunPipeline.Row r : result.rows()) {
            if (!r.scheme().equals("rate-independent")) {
                continue;
            }
            String id = r.folder().replaceFirst("^simulate-", "");
            List<Map<String, Object>> draws = result.robustness().stream()
                    .filter(x -> id.equals(x.get("crn")) && !"uniform".equals(x.get("rates"))).toList();
            String worst = draws.isEmpty() ? "" : percent(draws.stream().mapToDouble(x -> x.get("agreement") instanceof Double a
                    ? a : 0).min().orElseThrow()) + " (" + draws.get(0).get("rates").toString().replaceFirst(":[0-9]+$", "")
                    + ", " + draws.size() + " draws)";
            RunPipeline.DnaRow dna = result.dna().stream().filter(x -> x.crn().equals(r.reduced() ? "reduced" : "plain")
                    && x.readoutStage().equals(r.readout())).findFirst().orElse(null);
            String ideal = "";
            String leak = "";
            String from = "";
            if (dna != null) {
                for (DnaKinetics.Result k : dna.kinetics()) {
                    if (k.setting().unitNm() != d.unitNm() || k.readouts().isEmpty()) {
                        continue;
                    }
                    nn2crn.simulate.Readout last = k.readouts().get(k.readouts().size() - 1);
                    String cell = percent(last.agreement()) + " (acc " + percent(last.accuracy()) + ")";
                    if (k.setting().leakRate() == 0 && k.setting().gateLeak() == 0) {
                        ideal = cell;
                        from = readableFrom(k.readouts());
                    } else {
                        leak = cell;
                    }
                }
            }
            table.add(List.of(r.readout() + (r.reduced() ? " (reduced)" : ""), Integer.toString(r.outputsRead()),
                    r.rateIndependent() ? "rate-independent" : "rate-dependent", percent(r.agreement()), worst, ideal,
                    leak, from));
        }
        md.append("## Read-outs side by side\n\nThe same network read three ways: rails (two species per class, "
                + "y = pos - neg), subtract (one species per class, max(y + c, 0), c chosen on the training split) and "
                + "wta (winner-take-all: one class turns on). CRN = NN at ideal rates and the worst over the rate "
                + "draws (their range in the row)");
        if (d != null) {
            md.append("; DNA-level agreement (and accuracy) at ").append(DnaKinetics.time(d.readout().get(d.readout().size() - 1)))
                    .append(" with ").append(fmt(d.unitNm())).append(" nM per unit, ideal and with leak, read through the "
                    + "reporters' fluorescence where there are reporters; the answer can be read from the first read-out "
                    + "time from which the agreement stays at its final value");
        }
        md.append(".\n\n").append(markdownTable(List.of("read-out", "species read per class", "final state",
                "CRN = NN", "CRN = NN, worst rate draw", "DNA, ideal", "DNA, leak", "DNA answer readable from"), table))
                .append('\n');
    }

    /** The first read-out time from which the agreement no longer changes. */
    static String readableFrom(List<nn2crn.simulate.Readout> readouts) {
        if (readouts.isEmpty() || readouts.get(readouts.size() - 1).agreement() == null) {
            return "";
        }
        double end = readouts.get(readouts.size() - 1).agreement();
        int k = readouts.size() - 1;
        while (k > 0 && readouts.get(k - 1).agreement() != null && readouts.get(k - 1).agreement() == end) {
            k--;
        }
        return DnaKinetics.time(readouts.get(k).time());
    }

    private static String number(Object v, String format) {
        return v instanceof Double d ? String.format(Locale.ROOT, format, d) : "";
    }

    private static String fmt(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v);
    }

}
