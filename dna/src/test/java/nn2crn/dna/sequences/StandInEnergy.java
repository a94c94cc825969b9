package nn2crn.dna.sequences;

import java.util.Map;

/**
 * A test stand-in for the injected duplex energy: the nearest-neighbour sum of SantaLucia and
 * Hicks 2004 (ΔG37 in kcal/mol, 1 M Na+) for a sequence and its perfect complement, with the
 * initiation term and the terminal A·T penalty; no symmetry correction. Not the project's
 * thermodynamics (nn2crn.dna.thermo), only what the tests need: a plausible, deterministic ΔG.
 */
final class StandInEnergy {

    private static final Map<String, Double> NN = Map.ofEntries(
            Map.entry("AA", -1.00), Map.entry("TT", -1.00), Map.entry("AT", -0.88), Map.entry("TA", -0.58),
            Map.entry("CA", -1.45), Map.entry("TG", -1.45), Map.entry("GT", -1.44), Map.entry("AC", -1.44),
            Map.entry("CT", -1.28), Map.entry("AG", -1.28), Map.entry("GA", -1.30), Map.entry("TC", -1.30),
            Map.entry("CG", -2.17), Map.entry("GC", -2.24), Map.entry("GG", -1.84), Map.entry("CC", -1.84));

    private StandInEnergy() {
    }

    static double deltaG(String s) {
        double g = 1.96;
        for (int i = 0; i + 1 < s.length(); i++) {
            g += NN.get(s.substring(i, i + 2));
        }
        for (char end : new char[]{s.charAt(0), s.charAt(s.length() - 1)}) {
            if (end == 'A' || end == 'T') {
                g += 0.05;
            }
        }
        return g;
    }
}
