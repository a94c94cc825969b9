package nn2crn.dna.order;

import nn2crn.dna.DnaComplex;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.StrandTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How each multi-strand fuel complex (a gate, a translator) is made: its strands mixed in buffer,
 * heated and cooled slowly so that they pair as designed.
 *
 * <p>Ratio: a complex's top strands (its output, helper and pre-bound product strands, which carry
 * signal domains) are the limiting 1.0x; its bottom strand (complements only) is added in a 10%
 * excess. A top strand left single after annealing is a free output or product signal, which
 * triggers the next gate as if the reaction had fired; a bottom strand left single only binds a
 * little input or signal, so it is the one that may be in excess. The complex's concentration after
 * annealing is then the top strands' (assuming complete pairing; PAGE-purifying the annealed
 * complex removes the excess and malformed complexes).
 *
 * @param complexes one entry per multi-strand complex, in design order
 * @param annealUM  the concentration each complex is annealed at (its 1.0x strands), uM
 */
public record AnnealingRecipe(List<Complex> complexes, double annealUM) {

    /** Excess of a complex's bottom strand over its top strands. */
    public static final double BOTTOM_EXCESS = 1.1;
    public static final String BUFFER = "1x TAE with 12.5 mM MgCl2 (the strand-displacement buffer the rates assume)";
    public static final String RAMP = "95 C for 2 min, then down to 20 C at 1 C per minute (about 75 min); keep at 4-25 C";

    /** One strand of a complex and its ratio. */
    public record Part(String strand, String role, double ratio, double uM) {
    }

    public record Complex(String name, List<Part> parts, double complexUM) {
    }

    public static AnnealingRecipe of(DnaSystem system, double annealUM) {
        if (!(annealUM > 0) || Double.isInfinite(annealUM)) {
            throw new IllegalArgumentException("annealing concentration must be positive, is " + annealUM);
        }
        Map<List<String>, StrandTable.Row> byDomains = new HashMap<>();
        for (StrandTable.Row row : StrandTable.rows(system, null)) {
            byDomains.put(row.domains(), row);
        }
        List<Complex> complexes = new ArrayList<>();
        for (DnaComplex fuel : system.fuels()) {
            List<List<String>> strands = fuel.strands();
            if (strands.size() < 2) {
                continue;
            }
            List<Part> parts = new ArrayList<>();
            for (List<String> strand : strands) {
                StrandTable.Row row = byDomains.get(strand);
                boolean bottom = strand.stream().allMatch(d -> d.endsWith("*"));
                double ratio = bottom ? BOTTOM_EXCESS : 1.0;
                parts.add(new Part(row.name(), row.role(), ratio, ratio * annealUM));
            }
            complexes.add(new Complex(fuel.name(), parts, annealUM));
        }
        return new AnnealingRecipe(complexes, annealUM);
    }
}
