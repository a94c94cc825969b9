package nn2crn.dna;

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
 * and fuels, with its domains (5' to 3'), length, role, and total initial concentration over the
 * complexes it is in.
 */
public final class StrandTable {

    /** One distinct strand. */
    public record Row(String name, List<String> domains, long lengthNt, String role, double concentrationNm) {
    }

    private StrandTable() {
    }

    public static List<Row> rows(DnaSystem system) {
        Map<List<String>, String> names = new LinkedHashMap<>();
        Map<List<String>, String> roles = new LinkedHashMap<>();
        Map<List<String>, Double> concentration = new LinkedHashMap<>();
        for (DnaComplex signal : system.signals()) {
            List<String> strand = signal.strands().get(0);
            names.putIfAbsent(strand, signal.name());
            roles.putIfAbsent(strand, "signal (" + signal.formal() + ")");
            concentration.merge(strand, signal.initialNm(), Double::sum);
        }
        for (DnaComplex fuel : system.fuels()) {
            List<List<String>> strands = fuel.strands();
            for (int k = 0; k < strands.size(); k++) {
                List<String> strand = strands.get(k);
                String role = role(fuel, k, strands.size());
                // r1_gate_output, r1_gate_bottom, r1_translator_bottom; a product strand is named as its signal
                names.putIfAbsent(strand, fuel.name() + (strands.size() == 1 ? "" : "_" + role.substring(role.lastIndexOf(' ') + 1)));
                roles.putIfAbsent(strand, role);
                concentration.merge(strand, fuel.initialNm(), Double::sum);
            }
        }
        Map<String, Domain> domains = system.domainsByName();
        List<Row> rows = new ArrayList<>();
        names.forEach((strand, name) -> rows.add(new Row(name, strand, DnaSystem.length(strand, domains),
                roles.get(strand), concentration.get(strand))));
        return rows;
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
        return "source signal";
    }

    public static void write(DnaSystem system, Path file) {
        AtomicFiles.write(file, out -> {
            CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
            csv.printRecord("strand", "domains", "length_nt", "role", "concentration_nM");
            for (Row r : rows(system)) {
                csv.printRecord(r.name(), String.join(" ", r.domains()), r.lengthNt(), r.role(),
                        nn2crn.crn.CrnText.number(r.concentrationNm()));
            }
            csv.flush();
        });
    }
}
