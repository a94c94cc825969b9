package nn2crn.crn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
        List<Reaction> reactions = crn.reactions();
        Map<String, Integer> index = crn.speciesIndex();
        Map<String, Integer> consumer = new HashMap<>();
        for (int r = 0; r < reactions.size(); r++) {
            for (Term t : reactions.get(r).reactants()) {
                Integer other = consumer.put(t.species(), r);
                if (other != null && other != r) {
                    throw new CrnException("species '" + t.species() + "' is consumed by reactions " + (other + 1)
                            + " and " + (r + 1) + ": the CRN is not rate-independent in this sense");
                }
            }
        }
        // edges: the producer of a species -> its consumer
        int[] waitingOn = new int[reactions.size()];
        List<List<Integer>> next = new ArrayList<>();
        for (int r = 0; r < reactions.size(); r++) {
            next.add(new ArrayList<>());
        }
        for (int r = 0; r < reactions.size(); r++) {
            for (Term t : reactions.get(r).products()) {
                Integer c = consumer.get(t.species());
                if (c != null) {
                    next.get(r).add(c);
                    waitingOn[c]++;
                }
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int r = 0; r < reactions.size(); r++) {
            if (waitingOn[r] == 0) {
                ready.add(r);
            }
        }
        double[] state = initialState.clone();
        int fired = 0;
        while (!ready.isEmpty()) {
            int r = ready.poll();
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
            fired++;
            for (int c : next.get(r)) {
                if (--waitingOn[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (fired != reactions.size()) {
            throw new CrnException("the CRN has a cycle: " + (reactions.size() - fired) + " reactions feed each other");
        }
        return state;
    }
}
