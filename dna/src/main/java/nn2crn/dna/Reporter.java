package nn2crn.dna;

import java.util.List;

/**
 * A fluorophore-quencher reporter of one read-out species: a two-stranded fuel complex
 * {@code b( + ) a*} whose quencher strand {@code b} (quencher at its 3' end) covers the
 * fluorophore strand {@code b* a*} (fluorophore at its 5' end, beside the quencher). A signal
 * {@code h a b c} of the species binds the open toehold {@code a*}, branch-migrates along
 * {@code b} and releases the quencher strand: the fluorophore, now in the duplex with the signal,
 * shines. Each signal read consumes one reporter, so the fluorescence counts the signal that has
 * reached it (up to the reporter's concentration).
 *
 * @param species      the formal species read (a read-out species of the formal CRN)
 * @param complex      the reporter complex's name (a fuel)
 * @param fluorescent  the complexes that shine: one per signal variant of the species
 * @param quencher     the released quencher strand (waste)
 * @param atReadTime   added at the read time rather than at the start: a reporter of the subtract
 *                     read-out would race the annihilation {@code y<j>_pos + y<j>_neg ->} for
 *                     {@code y<j>_pos} and show the positive rail before its negative one arrives;
 *                     added once the outputs have settled, it shows {@code max(y_j + c, 0)}
 */
public record Reporter(String species, String complex, List<String> fluorescent, String quencher, boolean atReadTime) {

    public Reporter {
        fluorescent = List.copyOf(fluorescent);
    }

    /** The name of the fluorescence read-out of a species in an implementation CRN's carriers. */
    public static String fluorescenceOf(String species) {
        return species + "_fluorescence";
    }
}
