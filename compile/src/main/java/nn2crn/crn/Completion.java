package nn2crn.crn;

import java.util.List;
import java.util.Map;

/**
 * The stable state of a feed-forward CRN in which every species is consumed by at most one
 * reaction (a rate-independent CRN), without an ODE: fire each reaction to completion in
 * topological order. Once all producers of a reaction's reactants have finished, it runs until
 * one reactant is used up, whatever the rates, so this order reaches the state any rates reach.
 */
public final class Completion {

    private Completion() {
    }

    public static double[] stableState(Crn crn, double[] initialState) {
        return fire(crn, initialState, null);
    }

    /**
     * How far each reaction fires on the way to the stable state (in the CRN's concentration
     * units): in a DNA implementation, how much of each reaction's gate and translator it uses.
     */
    public static double[] extents(Crn crn, double[] initialState) {
        double[] extents = new double[crn.reactions().size()];
        fire(crn, initialState, extents);
        return extents;
    }

    private static double[] fire(Crn crn, double[] initialState, double[] extents) {
        CrnStructure structure = CrnStructure.of(crn);
        if (!structure.nonCompetitive()) {
            throw new CrnException("species '" + structure.competingSpecies() + "' is consumed by reactions "
                    + structure.competingReactions().stream().map(r -> Integer.toString(r + 1)).toList()
                    + ": the CRN is not rate-independent in this sense");
        }
        if (!structure.feedForward()) {
            throw new CrnException("the CRN has a cycle: " + structure.reactionsOnCycles() + " reactions feed each other");
        }
        List<Reaction> reactions = crn.reactions();
        Map<String, Integer> index = crn.speciesIndex();
        double[] state = initialState.clone();
        for (int r : structure.order()) {
            Reaction reaction = reactions.get(r);
            if (reaction.reactants().isEmpty()) {
                throw new CrnException("reaction " + (r + 1) + " has no reactants: it never completes");
            }
            double extent = Double.POSITIVE_INFINITY;
            for (Term t : reaction.reactants()) {
                extent = Math.min(extent, state[index.get(t.species())] / t.count());
            }
            for (Term t : reaction.reactants()) {
                state[index.get(t.species())] -= t.count() * extent;
            }
            for (Term t : reaction.products()) {
                state[index.get(t.species())] += t.count() * extent;
            }
            if (extents != null) {
                extents[r] = extent;
            }
        }
        return state;
    }
}
