package nn2crn.crn;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A chemical reaction network with mass-action kinetics, plus how a network's features enter it
 * and how its outputs are read. Validated on construction.
 *
 * @param info free-form facts about its origin (scheme, options, source network), kept in the
 *             exports
 */
public record Crn(String name, List<Species> species, List<Reaction> reactions, List<CrnInput> inputs,
                  List<CrnOutput> outputs, Map<String, Object> info) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public Crn {
        species = List.copyOf(species);
        reactions = List.copyOf(reactions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        validate(species, reactions, inputs, outputs);
    }

    private static void validate(List<Species> species, List<Reaction> reactions, List<CrnInput> inputs,
                                 List<CrnOutput> outputs) {
        Map<String, Species> byName = new HashMap<>();
        for (Species s : species) {
            if (!NAME.matcher(s.name()).matches()) {
                throw new CrnException("species '" + s.name() + "': a name must be a letter followed by letters, digits or _");
            }
            if (byName.put(s.name(), s) != null) {
                throw new CrnException("species '" + s.name() + "' is declared twice");
            }
            if (!(s.initial() >= 0) || Double.isInfinite(s.initial())) {
                throw new CrnException("species '" + s.name() + "': initial concentration " + s.initial()
                        + " must be a finite number >= 0");
            }
        }
        for (int r = 0; r < reactions.size(); r++) {
            Reaction reaction = reactions.get(r);
            if (!(reaction.rate() >= 0) || Double.isInfinite(reaction.rate())) {
                throw new CrnException("reaction " + (r + 1) + ": rate constant " + reaction.rate()
                        + " must be a finite number >= 0");
            }
            for (List<Term> side : List.of(reaction.reactants(), reaction.products())) {
                for (Term t : side) {
                    known(byName, t.species(), "reaction " + (r + 1));
                }
            }
        }
        for (CrnInput in : inputs) {
            for (List<Term> rail : List.of(in.positive(), in.negative())) {
                for (Term t : rail) {
                    known(byName, t.species(), "input '" + in.name() + "'");
                }
            }
        }
        java.util.Set<String> outputNames = new java.util.HashSet<>();
        for (CrnOutput out : outputs) {
            if (!outputNames.add(out.name())) {
                throw new CrnException("output '" + out.name() + "' is given twice");
            }
            known(byName, out.positive(), "output '" + out.name() + "'");
            if (out.negative() != null) {
                known(byName, out.negative(), "output '" + out.name() + "'");
            }
        }
    }

    private static void known(Map<String, Species> byName, String name, String where) {
        if (!byName.containsKey(name)) {
            throw new CrnException(where + ": unknown species '" + name + "'");
        }
    }

    /** Position of every species in {@link #species()}. */
    public Map<String, Integer> speciesIndex() {
        Map<String, Integer> index = new HashMap<>(species.size() * 2);
        for (int i = 0; i < species.size(); i++) {
            index.put(species.get(i).name(), i);
        }
        return index;
    }

    public Species species(String speciesName) {
        return species.stream().filter(s -> s.name().equals(speciesName)).findFirst()
                .orElseThrow(() -> new CrnException("no species '" + speciesName + "'"));
    }

    /**
     * Initial concentrations (in {@link #species()} order) for one example: every species' own
     * initial concentration plus the features placed as {@link CrnInput} describes.
     */
    public double[] initialState(double[] features) {
        if (features.length != inputs.size()) {
            throw new CrnException("expected " + inputs.size() + " features, got " + features.length);
        }
        Map<String, Integer> index = speciesIndex();
        double[] state = new double[species.size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = species.get(i).initial();
        }
        for (CrnInput in : inputs) {
            double v = features[in.feature()] - in.shift();
            List<Term> rail = v >= 0 ? in.positive() : in.negative();
            if (v < 0 && !in.dualRail()) {
                throw new CrnException("input '" + in.name() + "' is " + v + " after the shift of " + in.shift()
                        + ", below 0, and the CRN has no negative rail for it");
            }
            for (Term t : rail) {
                state[index.get(t.species())] += t.count() * Math.abs(v);
            }
        }
        return state;
    }

    /** The output values read from a state (in {@link #species()} order). */
    public double[] outputValues(double[] state) {
        Map<String, Integer> index = speciesIndex();
        double[] values = new double[outputs.size()];
        for (int j = 0; j < values.length; j++) {
            CrnOutput out = outputs.get(j);
            double pos = Math.max(0, state[index.get(out.positive())]);
            double neg = out.negative() == null ? 0 : Math.max(0, state[index.get(out.negative())]);
            values[j] = out.value(pos, neg);
        }
        return values;
    }
}
