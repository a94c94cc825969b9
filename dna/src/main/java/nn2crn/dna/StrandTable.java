package nn2crn.dna;

import nn2crn.crn.CrnInput;
import nn2crn.crn.CrnText;
import nn2crn.crn.Term;
import nn2crn.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code strands.csv}, the hand-off to sequence design: one row per distinct strand of the signals
 * and fuels, with its domains (5' to 3'), length, role, and each complex it is in with that
 * complex's own concentration (a helper strand is in its gate and free as a fuel: two complexes,
 * annealed apart, not one summed amount). Strands whose amount is set per sample (the network's
 * inputs) say so, with the formula from the raw feature.
 */
public final class StrandTable {

    /**
     * One distinct strand.
     *
     * @param complexes complex name to its concentration in the design, nM
     * @param perSample for an input signal, how its concentration follows from the sample; else empty
     */
    public record Row(String name, List<String> domains, long lengthNt, String role, Map<String, Double> complexes,
                      String perSample) {
    }

    private StrandTable() {
    }

    /**
     * @param preprocessing the formal CRN's preprocessing record (mean and std per feature), or null
     */
    public static List<Row> rows(DnaSystem system, Map<String, Object> preprocessing) {
        Map<List<String>, String> names = new LinkedHashMap<>();
        Map<List<String>, String> roles = new LinkedHashMap<>();
        Map<List<String>, Map<String, Double>> complexes = new LinkedHashMap<>();
        Map<String, String> perSample = inputFormulas(system, preprocessing);
        Map<List<String>, String> formulas = new LinkedHashMap<>();
        for (DnaComplex signal : system.signals()) {
            List<String> strand = signal.strands().get(0);
            names.putIfAbsent(strand, signal.name());
            roles.putIfAbsent(strand, "signal (" + signal.formal() + ")");
            complexes.computeIfAbsent(strand, s -> new LinkedHashMap<>()).put(signal.name(), signal.initialNm());
            if (perSample.containsKey(signal.name())) {
                formulas.put(strand, perSample.get(signal.name()));
            }
        }
        for (DnaComplex fuel : system.fuels()) {
            List<List<String>> strands = fuel.strands();
            for (int k = 0; k < strands.size(); k++) {
                List<String> strand = strands.get(k);
                String role = role(fuel, k, strands.size());
                // f1_gate_output, f1_gate_bottom, f1_translator_bottom; a product strand is named as its signal
                names.putIfAbsent(strand, fuel.name() + (strands.size() == 1 ? "" : "_" + role.substring(role.lastIndexOf(' ') + 1)));
                roles.putIfAbsent(strand, role);
                complexes.computeIfAbsent(strand, s -> new LinkedHashMap<>()).put(fuel.name(), fuel.initialNm());
            }
        }
        Map<String, Domain> domains = system.domainsByName();
        List<Row> rows = new ArrayList<>();
        names.forEach((strand, name) -> rows.add(new Row(name, strand, DnaSystem.length(strand, domains),
                roles.get(strand), complexes.get(strand), formulas.getOrDefault(strand, ""))));
        return rows;
    }

    /**
     * Per input signal (the first signal of an input's rail species), its concentration as a
     * function of the sample: {@code unit nM x max(0, v)} with v the feature in network units
     * minus the input's shift, and v's formula from the raw feature where the preprocessing
     * standardized it.
     */
    static Map<String, String> inputFormulas(DnaSystem system, Map<String, Object> preprocessing) {
        Map<String, String> formulas = new LinkedHashMap<>();
        List<?> mean = preprocessing == null ? null : (List<?>) preprocessing.get("mean");
        List<?> std = preprocessing == null ? null : (List<?>) preprocessing.get("std");
        String unit = CrnText.number(system.options().unitNm()) + " nM";
        for (CrnInput in : system.formal().inputs()) {
            String v = in.name();
            if (mean != null && std != null && in.feature() < mean.size()) {
                v = "(" + in.name() + " - " + mean.get(in.feature()) + ") / " + std.get(in.feature());
            }
            if (in.shift() != 0) {
                v = v + " - " + CrnText.number(in.shift());
            }
            rail(formulas, system, in.positive(), unit + " x " + (in.dualRail() ? "max(0, " + v + ")" : v)
                    + " per copy");
            if (in.dualRail()) {
                rail(formulas, system, in.negative(), unit + " x max(0, -(" + v + ")) per copy");
            }
        }
        return formulas;
    }

    private static void rail(Map<String, String> formulas, DnaSystem system, List<Term> rail, String formula) {
        for (Term t : rail) {
            List<String> carriers = system.carriers().get(t.species());
            if (carriers != null && !carriers.isEmpty()) {
                formulas.merge(carriers.get(0), "+ " + t.count() + " " + formula, (a, b) -> a + " " + b);
            }
        }
    }

    /** What the k-th strand of a fuel complex is (the translator's upper strands are product signals). */
    private static String role(DnaComplex fuel, int k, int count) {
        String name = fuel.name();
        if (name.endsWith("_gate")) {
            return k == count - 1 ? "gate bottom" : k == count - 2 ? "gate output" : "gate helper";
        }
        if (name.endsWith("_translator")) {
            return k == count - 1 ? "translator bottom" : "product signal";
        }
        if (name.contains("_helper")) {
            return "helper";
        }
        if (name.endsWith("_reporter")) {
            // Reporter: the quencher strand b( and the fluorophore strand ) a*
            return k == 0 ? "reporter quencher" : "reporter fluorophore";
        }
        return "source signal";
    }

    public static void write(DnaSystem system, Map<String, Object> preprocessing, Path file) {
        AtomicFiles.write(file, out -> {
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
            csv.printRecord("strand", "domains", "length_nt", "role", "complexes_nM", "per_sample_nM");
            for (Row r : rows(system, preprocessing)) {
                List<String> in = new ArrayList<>();
                r.complexes().forEach((c, nm) -> in.add(c + " " + CrnText.number(nm)));
                csv.printRecord(r.name(), String.join(" ", r.domains()), r.lengthNt(), r.role(), String.join("; ", in),
                        r.perSample().replaceFirst("^\\+ 1 ", "").replaceFirst("^\\+ ", ""));
            }
            csv.flush();
        });
    }
}
