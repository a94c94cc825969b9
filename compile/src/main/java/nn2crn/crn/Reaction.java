package nn2crn.crn;

import java.util.List;

/**
 * An irreversible mass-action reaction (a reversible one is two of these).
 *
 * @param layer index of the network layer it computes, -1 when unknown
 */
public record Reaction(List<Term> reactants, List<Term> products, double rate, int layer) implements java.io.Serializable {

    public Reaction {
        reactants = List.copyOf(reactants);
        products = List.copyOf(products);
    }

    /** Sum of reactant stoichiometries: 0 for a source, 1 for unimolecular, 2 for bimolecular. */
    public int order() {
        return reactants.stream().mapToInt(Term::count).sum();
    }

    /** Sum of product stoichiometries: the reaction's fan-out. */
    public int productCount() {
        return products.stream().mapToInt(Term::count).sum();
    }

    public int stoichiometryOf(String species, List<Term> side) {
        return side.stream().filter(t -> t.species().equals(species)).mapToInt(Term::count).sum();
    }

    public Reaction withRate(double newRate) {
        return new Reaction(reactants, products, newRate, layer);
    }
}
