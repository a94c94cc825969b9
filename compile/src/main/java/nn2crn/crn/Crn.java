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
 * @param info           free-form facts about its origin (scheme, options, source network), kept in
 *                       the exports
 * @param implementation for a CRN that implements a formal one (a DNA-level CRN), which species
 *                       carry each formal species and in what unit; null for a formal CRN, whose
 *                       inputs and outputs name its own species in network units
 */
public record Crn(String name, List<Species> species, List<Reaction> reactions, List<CrnInput> inputs,
                  List<CrnOutput> outputs, Map<String, Object> info, Implementation implementation) implements java.io.Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public Crn {
        species = List.copyOf(species);
        reactions = List.copyOf(reactions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        validate(species, reactions, inputs, outputs, implementation);
    }

    /** A formal CRN: inputs and outputs name its species, concentrations are in network units. */
    public Crn(String name, List<Species> species, List<Reaction> reactions, List<CrnInput> inputs,
               List<CrnOutput> outputs, Map<String, Object> info) {
        this(name, species, reactions, inputs, outputs, info, null);
    }

    /** The same CRN read out through other outputs. */
    public Crn withOutputs(List<CrnOutput> newOutputs) {
        return new Crn(name, species, reactions, inputs, newOutputs, info, implementation);
    }

    /** The same CRN with other info. */
    public Crn withInfo(Map<String, Object> newInfo) {
        return new Crn(name, species, reactions, inputs, outputs, newInfo, implementation);
    }

    /** The species that carry a name used by an input or output: itself, or a formal species' carriers. */
    public List<String> carriers(String name) {
        return implementation == null ? List.of(name) : implementation.carriers(name);
    }

    /** Concentration of one network unit in this CRN's own units (1 for a formal CRN). */
    public double unitScale() {
        return implementation == null ? 1 : implementation.unitValue();
    }

    private static void validate(List<Species> species, List<Reaction> reactions, List<CrnInput> inputs,
                                 List<CrnOutput> outputs, Implementation implementation) {
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
        if (implementation != null) {
            implementation.formalSpecies().forEach((formal, carriers) -> carriers.forEach(c ->
                    known(byName, c, "formal species '" + formal + "'")));
        }
        for (CrnInput in : inputs) {
            for (List<Term> rail : List.of(in.positive(), in.negative())) {
                for (Term t : rail) {
                    knownOrFormal(byName, implementation, t.species(), "input '" + in.name() + "'");
                }
            }
        }
        java.util.Set<String> outputNames = new java.util.HashSet<>();
        for (CrnOutput out : outputs) {
            if (!outputNames.add(out.name())) {
                throw new CrnException("output '" + out.name() + "' is given twice");
            }
            knownOrFormal(byName, implementation, out.positive(), "output '" + out.name() + "'");
            if (out.negative() != null) {
                knownOrFormal(byName, implementation, out.negative(), "output '" + out.name() + "'");
            }
        }
    }

    private static void knownOrFormal(Map<String, Species> byName, Implementation implementation, String name,
                                      String where) {
        if (implementation == null || !implementation.formalSpecies().containsKey(name)) {
            known(byName, name, where);
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
     * initial concentration plus the features placed as {@link CrnInput} describes (in an
     * implementing CRN, on each formal target's first carrier, times the unit).
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
                state[index.get(carriers(t.species()).get(0))] += t.count() * Math.abs(v) * unitScale();
            }
        }
        return state;
    }

    /**
     * The output values (in network units) read from a state (in {@link #species()} order);
     * round-off negatives read as 0.
     */
    public double[] outputValues(double[] state) {
        Map<String, Integer> index = speciesIndex();
        double[] values = new double[outputs.size()];
        for (int j = 0; j < values.length; j++) {
            CrnOutput out = outputs.get(j);
            double pos = amount(state, index, out.positive());
            double neg = out.negative() == null ? 0 : amount(state, index, out.negative());
            values[j] = out.value(pos, neg);
        }
        return values;
    }

    /** The amount of a species or formal species (sum of its carriers) in network units. */
    private double amount(double[] state, Map<String, Integer> index, String name) {
        double sum = 0;
        for (String carrier : carriers(name)) {
            sum += Math.max(0, state[index.get(carrier)]);
        }
        return sum / unitScale();
    }
}
