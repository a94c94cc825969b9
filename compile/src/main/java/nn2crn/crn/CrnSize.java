package nn2crn.crn;

/**
 * What a CRN costs to build, counted: species, reactions, products over all reactions (each a
 * species made, so a strand or gate output in a DNA implementation) and the largest fan-out (the
 * most products of one reaction, which decides the size of its fuel complex).
 */
public record CrnSize(int species, int reactions, int bimolecular, int totalProducts, int maxFanOut,
                      int maxStoichiometry) {

    public static CrnSize of(Crn crn) {
        int bimolecular = 0;
        int total = 0;
        int maxFanOut = 0;
        int maxStoichiometry = 0;
        for (Reaction r : crn.reactions()) {
            if (r.order() == 2) {
                bimolecular++;
            }
            int products = r.productCount();
            total += products;
            maxFanOut = Math.max(maxFanOut, products);
            for (Term t : r.reactants()) {
                maxStoichiometry = Math.max(maxStoichiometry, t.count());
            }
            for (Term t : r.products()) {
                maxStoichiometry = Math.max(maxStoichiometry, t.count());
            }
        }
        return new CrnSize(crn.species().size(), crn.reactions().size(), bimolecular, total, maxFanOut, maxStoichiometry);
    }
}
