package nn2crn.dna.sequences;

import nn2crn.dna.Domain;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.StrandTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequences of a domain-level design, made by {@link SequenceDesigner}: one per domain (a
 * starred domain is the reverse complement of its domain), and what the search reached.
 *
 * <p>A design that could not meet its constraints is still returned, with the best sequences
 * found, but {@link #passed()} is false and {@link #problems()} says which constraint fails and
 * why: callers must check {@code passed()} before using the sequences.
 *
 * @param domainSequences base domain name to its sequence 5' to 3' (A, C, T), in the system's order
 * @param k               the window length of sequence symmetry minimization
 * @param seed            the seed of the search (same seed, same sequences)
 * @param iterations      local moves tried
 * @param seconds         wall time of the search
 * @param initialScore    score of the random start
 * @param score           final score: weighted count of violations (0 when every constraint holds)
 * @param remaining       violations left per constraint (repeated windows, runs, C content)
 * @param windows         distinct constrained k-windows of the design (both strand orientations)
 * @param toeholdDeltaG   toehold domain to its duplex ΔG, kcal/mol (the injected energy function)
 * @param problems        empty when every constraint holds; else one line per failing constraint
 */
public record SequenceDesign(DnaSystem system, SequenceDesigner.Settings settings, Map<String, String> domainSequences,
                             int k, long seed, long iterations, double seconds, int initialScore, int score,
                             Map<String, Integer> remaining, int windows, Map<String, Double> toeholdDeltaG,
                             List<String> problems) {

    public SequenceDesign {
        domainSequences = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domainSequences));
        remaining = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remaining));
        toeholdDeltaG = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(toeholdDeltaG));
        problems = List.copyOf(problems);
    }

    /** True when every constraint holds (score 0, nothing infeasible). */
    public boolean passed() {
        return problems.isEmpty() && score == 0;
    }

    /** The sequence of a domain by name ({@code x} or {@code x*}). */
    public String domainSequence(String name) {
        String s = domainSequences.get(Domain.base(name));
        if (s == null) {
            throw new IllegalArgumentException("no domain " + name + " in the design");
        }
        return name.endsWith("*") ? Nt.reverseComplement(s) : s;
    }

    /** A strand's sequence 5' to 3': its domains' sequences joined. */
    public String sequence(List<String> strand) {
        StringBuilder b = new StringBuilder();
        strand.forEach(d -> b.append(domainSequence(d)));
        return b.toString();
    }

    /** Strand name (as {@link StrandTable} names them) to its sequence, for every strand of the signals and fuels. */
    public Map<String, String> strandSequences() {
        Map<String, String> m = new LinkedHashMap<>();
        for (StrandTable.Row r : StrandTable.rows(system, null)) {
            m.put(r.name(), sequence(r.domains()));
        }
        return m;
    }

    /** Total nucleotides of the distinct strands. */
    public long totalNt() {
        return StrandTable.rows(system, null).stream().mapToLong(StrandTable.Row::lengthNt).sum();
    }
}
