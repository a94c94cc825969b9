package nn2crn.crn;

/**
 * A chemical species.
 *
 * @param initial initial concentration (network units)
 * @param layer   index of the network layer it belongs to, -1 for inputs or when unknown
 */
public record Species(String name, double initial, SpeciesRole role, int layer) implements java.io.Serializable {

    public Species withInitial(double value) {
        return new Species(name, value, role, layer);
    }
}
