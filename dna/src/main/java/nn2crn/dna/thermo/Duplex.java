package nn2crn.dna.thermo;

/**
 * Thermodynamics of a perfectly matched duplex, from {@link NearestNeighbor#duplex}.
 *
 * @param top         the top strand, 5'→3', upper case ACGT
 * @param bottom      its reverse complement, 5'→3'
 * @param deltaH      ΔH°, kcal/mol (salt-independent in this model)
 * @param deltaS      ΔS°, cal/(K·mol), salt-corrected, standard state 1 M (no concentration term)
 * @param deltaG      ΔG° = ΔH° − T·ΔS° at {@code conditions.temperatureC()}, kcal/mol
 * @param tmC         melting temperature, °C, from the same ΔH°/ΔS° at {@code conditions.strandConcentrationNM()}
 * @param selfComplementary whether {@code top} equals its reverse complement (symmetry correction applied)
 * @param conditions  the conditions used
 */
public record Duplex(String top, String bottom, double deltaH, double deltaS, double deltaG, double tmC,
                     boolean selfComplementary, Conditions conditions) {

    /** Number of base pairs. */
    public int length() {
        return top.length();
    }
}
