package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Caps the fan-out of a CRN: a reaction with more than K products (counted with their
 * stoichiometry) becomes a chain {@code R -> P_1 .. P_{K-1} + c_1}, {@code c_1 -> P_K .. + c_2},
 * ..., whose last link has at most K products. In a DNA implementation the number of products is
 * the number of strands in a translator complex, so the cap bounds the size of every fuel.
 *
 * <p>Each chain species is made by one reaction and consumed by one, so a CRN in which every
 * species is consumed by at most one reaction stays so, and its final state is the same: each
 * link passes on exactly what the one before made. The first link keeps the reaction's rate
 * constant, the others have 1; the kinetics are slower (a few more steps), the final state is not.
 * Chain species are named {@code fan<reaction>_<link>} and get the reaction's layer.
 */
public final class FanOutCap {

    /** A link needs room for one product and the next chain species. */
    public static final int SMALLEST = 2;

    private FanOutCap() {
    }

    public static Crn apply(Crn crn, int maxFanOut) {
        if (maxFanOut < SMALLEST) {
            throw new CrnException("the fan-out cap must be at least " + SMALLEST + ", is " + maxFanOut);
        }
        Set<String> names = new HashSet<>();
        crn.species().forEach(s -> names.add(s.name()));
        List<Species> species = new ArrayList<>(crn.species());
        List<Reaction> reactions = new ArrayList<>();
        int capped = 0;
        for (int r = 0; r < crn.reactions().size(); r++) {
            Reaction reaction = crn.reactions().get(r);
            List<String> copies = new ArrayList<>();
            for (Term t : reaction.products()) {
                for (int k = 0; k < t.count(); k++) {
                    copies.add(t.species());
                }
            }
            if (copies.size() <= maxFanOut) {
                reactions.add(reaction);
                continue;
            }
            capped++;
            List<Term> reactants = reaction.reactants();
            double rate = reaction.rate();
            int from = 0;
            int link = 0;
            while (copies.size() - from > maxFanOut) {
                String chain = "fan" + (r + 1) + "_" + (++link);
                if (!names.add(chain)) {
                    throw new CrnException("cannot cap the fan-out: species '" + chain + "' exists already");
                }
                species.add(new Species(chain, 0, SpeciesRole.HELPER, reaction.layer()));
                List<Term> products = terms(copies.subList(from, from + maxFanOut - 1));
                products.add(new Term(chain, 1));
                reactions.add(new Reaction(reactants, products, rate, reaction.layer()));
                from += maxFanOut - 1;
                reactants = List.of(new Term(chain, 1));
                rate = 1;
            }
            reactions.add(new Reaction(reactants, terms(copies.subList(from, copies.size())), rate, reaction.layer()));
        }
        if (capped == 0) {
            return crn;
        }
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        info.put("max_fan_out", maxFanOut);
        info.put("fan_out_capped_reactions", capped);
        return new Crn(crn.name(), species, reactions, crn.inputs(), crn.outputs(), info, crn.implementation());
    }

    /** Copies of species as terms with counts, in order of first appearance. */
    private static List<Term> terms(List<String> copies) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        copies.forEach(s -> counts.merge(s, 1, Integer::sum));
        List<Term> terms = new ArrayList<>();
        counts.forEach((s, c) -> terms.add(new Term(s, c)));
        return terms;
    }
}
