package nn2crn.dna;

import nn2crn.crn.Reaction;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which the soloveichik2010 scheme takes the reactants of each reaction, chosen to
 * avoid the scheme's known cross-talk.
 *
 * <p>A gate whose last reactant is X releases an output strand {@code X.b X.c d_1 P_1.a ..}. When a
 * product P_k is Y and another reaction is {@code X + Y} with X first, its helper strand is
 * {@code X.b X.c Y.a}: the output strand looks like that helper (with a history domain in
 * between), enters that gate and its wastes, and Peppercorn finds dozens of extra reactions (the
 * fixture {@code dsd-general/g3}; Nuskell's CRN bisimulation then says the design is incorrect).
 * The rule is empirical: it held in every CRN enumerated so far, and neither being the first
 * reactant of two bimolecular reactions nor {@code A + A} beside {@code A + B} causes cross-talk
 * on its own. Swapping the reactants of a bimolecular reaction implements the same formal
 * reaction with another gate, so the order is chosen to leave as few such pairs as possible.
 */
public final class ReactantOrder {

    /**
     * One instance of the pattern.
     *
     * @param gate        index (0-based) of the reaction whose gate releases the look-alike output strand
     * @param bimolecular index of the bimolecular reaction whose helper it resembles
     * @param first       X, the last reactant of {@code gate} and first of {@code bimolecular}
     * @param second      Y, a product of {@code gate} and second reactant of {@code bimolecular}
     */
    public record CrossTalk(int gate, int bimolecular, String first, String second) {
    }

    /**
     * @param inputs   per reaction, its reactant copies in the order the gate takes them
     * @param swapped  indices of the reactions taken in the other order than written
     * @param patterns the pattern's instances that remain
     */
    public record Choice(List<List<String>> inputs, List<Integer> swapped, List<CrossTalk> patterns) {
    }

    private ReactantOrder() {
    }

    /**
     * @param keepWritten take every reaction as written (and report the pattern's instances)
     */
    public static Choice choose(List<Reaction> reactions, boolean keepWritten) {
        List<List<String>> inputs = new ArrayList<>();
        for (Reaction r : reactions) {
            List<String> copies = new ArrayList<>();
            for (Term t : r.reactants()) {
                for (int k = 0; k < t.count(); k++) {
                    copies.add(t.species());
                }
            }
            inputs.add(copies);
        }
        List<Integer> swapped = new ArrayList<>();
        if (!keepWritten) {
            // a swap changes which gates look alike on both sides, so improve one swap at a time,
            // in reaction order, until none helps: deterministic, and each round lowers the count
            boolean improved = true;
            while (improved) {
                improved = false;
                int count = patterns(reactions, inputs).size();
                for (int r = 0; r < reactions.size() && count > 0; r++) {
                    List<String> in = inputs.get(r);
                    if (in.size() != 2 || in.get(0).equals(in.get(1))) {
                        continue;
                    }
                    inputs.set(r, List.of(in.get(1), in.get(0)));
                    int after = patterns(reactions, inputs).size();
                    if (after < count) {
                        count = after;
                        improved = true;
                        if (!swapped.remove(Integer.valueOf(r))) {
                            swapped.add(r);
                        }
                    } else {
                        inputs.set(r, in);
                    }
                }
            }
            swapped.sort(null);
        }
        return new Choice(inputs, swapped, patterns(reactions, inputs));
    }

    /** Every (gate, bimolecular reaction) pair of the pattern under the given orders. */
    static List<CrossTalk> patterns(List<Reaction> reactions, List<List<String>> inputs) {
        List<CrossTalk> found = new ArrayList<>();
        for (int b = 0; b < reactions.size(); b++) {
            List<String> pair = inputs.get(b);
            if (pair.size() != 2) {
                continue;
            }
            for (int g = 0; g < reactions.size(); g++) {
                List<String> in = inputs.get(g);
                if (in.isEmpty() || !in.get(in.size() - 1).equals(pair.get(0))) {
                    continue;
                }
                Reaction gate = reactions.get(g);
                if (gate.products().stream().anyMatch(t -> t.species().equals(pair.get(1)))) {
                    found.add(new CrossTalk(g, b, pair.get(0), pair.get(1)));
                }
            }
        }
        return found;
    }
}
