package nn2crn.crn;

import java.util.Locale;

/** What a species stands for in a compiled network. */
public enum SpeciesRole {
    /** receives a feature value */
    INPUT,
    /** carries a bias as its initial concentration */
    BIAS,
    /** a pre-activation or hidden-unit rail */
    INTERMEDIATE,
    /** the ReLU helper species m, or a catalyst */
    HELPER,
    /** read out as a network output */
    OUTPUT,
    /** a DNA strand that carries a formal species */
    SIGNAL,
    /** a DNA complex supplied in excess */
    FUEL,
    /** not known (a CRN read from a file) */
    OTHER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
