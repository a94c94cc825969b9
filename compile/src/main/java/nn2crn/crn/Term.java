package nn2crn.crn;

/** A species with a count: a stoichiometric coefficient in a reaction, or an input's multiplier. */
public record Term(String species, int count) implements java.io.Serializable {

    public Term {
        if (count < 1) {
            throw new IllegalArgumentException("count of " + species + " must be positive, is " + count);
        }
    }
}
