package nn2crn.dna;

import java.util.List;

/**
 * A reaction between resting complexes after the fast unimolecular steps are condensed, with its
 * rate constant in /nM/s (every step of the scheme is bimolecular).
 *
 * @param formalReaction index (0-based) of the formal reaction it implements
 * @param step           which step of the scheme: {@code gate}, {@code exchange}, {@code exchange-back},
 *                       {@code displace}, {@code translate} or {@code leak}
 */
public record CondensedReaction(List<String> reactants, List<String> products, double rate, int formalReaction,
                                String step) {

    public CondensedReaction {
        reactants = List.copyOf(reactants);
        products = List.copyOf(products);
    }
}
