package nn2crn.dna;

import java.util.List;
import java.util.Map;

/**
 * What a DNA implementation takes to build.
 *
 * @param strands             distinct strands among the signals and fuels (intermediates are made of them)
 * @param nucleotides         their total length: what sequence design has to provide
 * @param largestComplex      strands in the largest fuel complex
 * @param longestStrandNt     length of the longest strand, nt
 * @param strandsOver100Nt    strands longer than 100 nt (full-length synthesis yield falls fast beyond)
 * @param strandsOver200Nt    strands longer than 200 nt (beyond standard oligo synthesis)
 * @param crossTalkPairs      gate pairs whose strands cross-talk by the scheme's known pattern
 *                            ({@link DesignCheck}); their reactions are not in the implementation CRN
 * @param totalFuelNm         sum of the fuel concentrations, nM
 * @param byLayer             the same per layer of the network (fuels, their strands and reactions)
 * @param warnings            e.g. a design beyond what has been built
 */
public record DnaCost(int signals, int fuels, int intermediates, int condensedReactions, int strands,
                      long nucleotides, int largestComplex, long longestStrandNt, int strandsOver100Nt,
                      int strandsOver200Nt, int crossTalkPairs, double totalFuelNm, List<Layer> byLayer,
                      List<String> warnings) {

    /** Strands beyond which no experiment has been built (about 500 for the 2023 gate arrays). */
    public static final int BUILT_STRANDS = 500;

    /**
     * One layer of the formal CRN (-1: reactions without a layer).
     *
     * @param strands distinct strands of this layer's fuels
     */
    public record Layer(int layer, int formalReactions, int fuels, int strands, long nucleotides,
                        int condensedReactions) {
    }

    /** Column names of {@link #tableCells()}: one table of costs for the command, the run report and the docs. */
    public static final List<String> TABLE_HEADER = List.of("signals", "fuels", "intermediates", "reactions", "strands",
            "nt", "longest strand (nt)", "strands > 200 nt", "largest complex (strands)", "cross-talk pairs",
            "total fuel (nM)");

    public List<String> tableCells() {
        return List.of(Integer.toString(signals), Integer.toString(fuels), Integer.toString(intermediates),
                Integer.toString(condensedReactions), String.format(java.util.Locale.ROOT, "%,d", strands),
                String.format(java.util.Locale.ROOT, "%,d", nucleotides),
                String.format(java.util.Locale.ROOT, "%,d", longestStrandNt), String.format(java.util.Locale.ROOT, "%,d",
                        strandsOver200Nt), Integer.toString(largestComplex), Integer.toString(crossTalkPairs),
                nn2crn.crn.CrnText.number(totalFuelNm));
    }

    /** JSON-ready. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("signal_species", signals);
        m.put("fuel_complexes", fuels);
        m.put("intermediates", intermediates);
        m.put("species", signals + fuels + intermediates);
        m.put("condensed_reactions", condensedReactions);
        m.put("distinct_strands", strands);
        m.put("nucleotides_to_design", nucleotides);
        m.put("largest_complex_strands", largestComplex);
        m.put("longest_strand_nt", longestStrandNt);
        m.put("strands_over_100_nt", strandsOver100Nt);
        m.put("strands_over_200_nt", strandsOver200Nt);
        m.put("cross_talk_gate_pairs", crossTalkPairs);
        m.put("total_fuel_nM", totalFuelNm);
        m.put("by_layer", byLayer.stream().map(l -> {
            Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("layer", l.layer() < 0 ? "none" : l.layer());
            e.put("formal_reactions", l.formalReactions());
            e.put("fuel_complexes", l.fuels());
            e.put("distinct_strands", l.strands());
            e.put("nucleotides", l.nucleotides());
            e.put("condensed_reactions", l.condensedReactions());
            return e;
        }).toList());
        m.put("warnings", warnings);
        return m;
    }
}
