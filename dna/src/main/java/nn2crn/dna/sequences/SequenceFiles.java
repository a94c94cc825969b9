package nn2crn.dna.sequences;

import nn2crn.dna.Domain;
import nn2crn.dna.StrandTable;
import nn2crn.io.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a sequence design: {@code domains.csv} (domain, length, sequence, role),
 * {@code sequences.csv} (one row per strand: name, role, length, sequence, GC fraction, longest
 * unintended complement and with which strand) and {@code checks.txt} (k, score, iterations, seed,
 * and each check's result), together ({@link AtomicFiles#writeFolder}).
 */
public final class SequenceFiles {

    public static final String DOMAINS_FILE = "domains.csv";
    public static final String SEQUENCES_FILE = "sequences.csv";
    public static final String CHECKS_FILE = "checks.txt";

    private SequenceFiles() {
    }

    /** Runs {@link SequenceChecks} on the design and writes the three files into dir. */
    public static SequenceChecks.Report write(SequenceDesign design, Path dir) {
        SequenceChecks.Report report = SequenceChecks.check(design);
        write(design, report, dir);
        return report;
    }

    public static void write(SequenceDesign design, SequenceChecks.Report report, Path dir) {
        String domains = csv(p -> {
            p.printRecord("domain", "length", "sequence", "role");
            for (Domain d : design.system().domains()) {
                p.printRecord(d.name(), d.length(), design.domainSequences().get(d.name()), d.toehold() ? "toehold" : "long");
            }
        });
        String sequences = csv(p -> {
            p.printRecord("strand", "role", "length_nt", "sequence", "gc_fraction", "domains", "longest_unintended_nt",
                    "unintended_with");
            var rows = StrandTable.rows(design.system(), null);
            for (int i = 0; i < rows.size(); i++) {
                SequenceChecks.StrandReport r = report.strands().get(i);
                p.printRecord(r.name(), r.role(), r.lengthNt(), r.sequence(), String.format(Locale.ROOT, "%.3f",
                        r.gcFraction()), String.join(" ", rows.get(i).domains()), r.longestUnintendedNt(), r.partner());
            }
        });
        AtomicFiles.writeFolder(dir, temp -> {
            AtomicFiles.writeString(temp.resolve(DOMAINS_FILE), domains);
            AtomicFiles.writeString(temp.resolve(SEQUENCES_FILE), sequences);
            AtomicFiles.writeString(temp.resolve(CHECKS_FILE), report(design, report));
        });
    }

    /** The human-readable report of checks.txt. */
    public static String report(SequenceDesign design, SequenceChecks.Report report) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sequence design: %s%n", design.passed() && report.passed() ? "PASSED"
                : "FAILED"));
        b.append(String.format(Locale.ROOT, "k = %d (window length of sequence symmetry minimization; %,d distinct "
                + "constrained windows)%n", design.k(), design.windows()));
        b.append(String.format(Locale.ROOT, "seed = %d, iterations = %,d, %.1f s%n", design.seed(), design.iterations(),
                design.seconds()));
        b.append(String.format(Locale.ROOT, "score = %d (start %d): %s%n", design.score(), design.initialScore(),
                design.remaining()));
        b.append(String.format(Locale.ROOT, "strands: %,d, %,d nt; unintended complements searched from %d nt%n",
                report.strands().size(), design.totalNt(), report.seedNt()));
        for (String p : design.problems()) {
            b.append("design problem: ").append(p).append('\n');
        }
        b.append('\n');
        for (SequenceChecks.Check c : report.checks()) {
            b.append(String.format(Locale.ROOT, "[%s] %s: %s%n", c.passed() ? "ok" : "FAILED", c.name(), c.summary()));
            for (String f : c.failures()) {
                b.append("    ").append(f).append('\n');
            }
        }
        return b.toString();
    }

    private interface Rows {
        void print(CSVPrinter p) throws IOException;
    }

    private static String csv(Rows rows) {
        try {
            StringWriter w = new StringWriter();
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT);
            rows.print(p);
            p.flush();
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
