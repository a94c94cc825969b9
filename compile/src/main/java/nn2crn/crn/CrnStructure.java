package nn2crn.crn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The two structural facts behind a rate-independent final state: the CRN is
 * <em>non-competitive</em> (every species is a reactant of at most one reaction) and
 * <em>feed-forward</em> (no reaction produces, directly or through others, a reactant of
 * itself). Then each reaction, once its reactants' producers are done, runs until a reactant is
 * used up whatever the rates, so the final state is fixed by the initial one ({@link Completion}).
 * Only the final values are; how fast they are reached, and so any read-out before the end,
 * depends on the rates.
 *
 * @param competingSpecies a species consumed by two or more reactions (null when non-competitive)
 * @param competingReactions the reactions (0-based) consuming it
 * @param order            the reactions in an order where producers come before consumers, or
 *                         null when some reactions feed each other
 * @param reactionsOnCycles reactions that feed each other (0 when feed-forward)
 */
public record CrnStructure(String competingSpecies, List<Integer> competingReactions, int[] order,
                           int reactionsOnCycles) {

    public boolean nonCompetitive() {
        return competingSpecies == null;
    }

    public boolean feedForward() {
        return order != null;
    }

    /** Whether the final state provably does not depend on the rate constants. */
    public boolean rateIndependent() {
        return nonCompetitive() && feedForward();
    }

    public static CrnStructure of(Crn crn) {
        List<Reaction> reactions = crn.reactions();
        Map<String, Integer> index = crn.speciesIndex();
        List<List<Integer>> consumersOf = new ArrayList<>();
        for (int s = 0; s < crn.species().size(); s++) {
            consumersOf.add(new ArrayList<>());
        }
        for (int r = 0; r < reactions.size(); r++) {
            for (Term t : reactions.get(r).reactants()) {
                List<Integer> list = consumersOf.get(index.get(t.species()));
                if (!list.contains(r)) {
                    list.add(r);
                }
            }
        }
        String competing = null;
        List<Integer> competingReactions = List.of();
        for (int s = 0; s < consumersOf.size() && competing == null; s++) {
            if (consumersOf.get(s).size() > 1) {
                competing = crn.species().get(s).name();
                competingReactions = List.copyOf(consumersOf.get(s));
            }
        }
        // Kahn's algorithm on "r produces a reactant of c"
        List<List<Integer>> next = new ArrayList<>();
        int[] waiting = new int[reactions.size()];
        for (int r = 0; r < reactions.size(); r++) {
            List<Integer> successors = new ArrayList<>();
            for (Term t : reactions.get(r).products()) {
                for (int c : consumersOf.get(index.get(t.species()))) {
                    if (!successors.contains(c)) {
                        successors.add(c);
                        waiting[c]++;
                    }
                }
            }
            next.add(successors);
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int r = 0; r < reactions.size(); r++) {
            if (waiting[r] == 0) {
                ready.add(r);
            }
        }
        int[] order = new int[reactions.size()];
        int placed = 0;
        while (!ready.isEmpty()) {
            int r = ready.poll();
            order[placed++] = r;
            for (int c : next.get(r)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        boolean acyclic = placed == reactions.size();
        return new CrnStructure(competing, competingReactions, acyclic ? order : null, reactions.size() - placed);
    }

    /** One line for a user: which properties hold and what they mean for the read-out. */
    public String describe() {
        String competition = nonCompetitive() ? "non-competitive"
                : "competitive (species " + competingSpecies + " is a reactant of reactions "
                + competingReactions.stream().map(r -> Integer.toString(r + 1)).toList() + ")";
        String cycles = feedForward() ? "feed-forward"
                : reactionsOnCycles + (reactionsOnCycles == 1 ? " reaction" : " reactions") + " on feedback cycles";
        return competition + ", " + cycles + ": " + (rateIndependent()
                ? "the final state does not depend on the rate constants (a read-out before the end does, and an "
                + "argmax is robust only up to the margin between its top two outputs)"
                : "the final state may depend on the rate constants");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrnStructure s && java.util.Objects.equals(competingSpecies, s.competingSpecies)
                && competingReactions.equals(s.competingReactions) && Arrays.equals(order, s.order)
                && reactionsOnCycles == s.reactionsOnCycles;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(competingSpecies, competingReactions, Arrays.hashCode(order), reactionsOnCycles);
    }

    @Override
    public String toString() {
        return "CrnStructure[" + describe() + "]";
    }
}
