package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;

/** Small designs the dna tests share. */
public final class TestDesigns {

    /** A fan-out, a ReLU-like pair and a product with stoichiometry 2. */
    public static final Crn THREE = CrnText.parse("""
            x @initial 1
            z @initial 0.5
            x -> m + h
            m + z -> 2 y
            h -> y
            """, "three.crn", "three");

    private TestDesigns() {
    }

    /** {@link #THREE} translated with the default options. */
    public static DnaSystem three() {
        return DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
    }
}
