package nn2crn.train;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnSize;
import nn2crn.dna.DnaCost;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaTranslation;
import nn2crn.network.Network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trained network will cost at the bench, for the training summary: its CRNs (the
 * rate-independent one and its reduced form for ReLU networks, the smoothed-ReLU one otherwise)
 * counted as CRNs and as DNA strand-displacement designs (soloveichik2010, default domains).
 */
final class CrnCost {

    /**
     * Products beyond which the DNA design is not built for the summary: every product is a strand,
     * so such a design is thousands of times what labs have built, and translating it takes gigabytes.
     */
    static final int DNA_PRODUCT_LIMIT = 20_000;

    private CrnCost() {
    }

    static Map<String, Object> of(Network network, boolean smoothRelu) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<CompileOptions> variants = smoothRelu ? List.of(CompileOptions.of(Scheme.SMOOTH_RELU))
                : List.of(CompileOptions.of(Scheme.RATE_INDEPENDENT),
                new CompileOptions(Scheme.RATE_INDEPENDENT, true, false, null, null));
        for (CompileOptions options : variants) {
            Crn crn = CrnCompiler.compile(network, options);
            CrnSize size = CrnSize.of(crn);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("species", size.species());
            m.put("reactions", size.reactions());
            m.put("total_products", size.totalProducts());
            m.put("max_fan_out", size.maxFanOut());
            List<String> dnaProblems = DnaTranslation.problems(crn, DnaTranslation.DEFAULT_SCHEME, null);
            if (!dnaProblems.isEmpty()) {
                // a smoothed-ReLU CRN's function depends on rates the scheme cannot keep: no design to cost
                m.put("dna", "not costed: " + dnaProblems.get(0));
            } else if (size.totalProducts() <= DNA_PRODUCT_LIMIT) {
                DnaCost dna = DnaTranslation.translate(crn, DnaTranslation.DEFAULT_SCHEME, DnaOptions.DEFAULT).cost();
                m.put("dna_strands", dna.strands());
                m.put("dna_nucleotides", dna.nucleotides());
                m.put("dna_largest_complex_strands", dna.largestComplex());
            } else {
                m.put("dna", "not costed here: " + size.totalProducts() + " products, far beyond what a lab builds "
                        + "(nn2crn dna costs it)");
            }
            out.put(options.scheme().toString() + (options.reduce() ? " reduced" : ""), m);
        }
        return out;
    }
}
