package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;
import nn2crn.network.Activation;
import nn2crn.network.Layer;
import nn2crn.network.Network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subtract read-out stage ({@link Readout#SUBTRACT}) of a dual-rail rate-independent CRN: a
 * common offset c is added to every output (to the initial amounts of its rails, netted so that at
 * most one rail starts above 0), and each class gets one annihilation {@code y<j>_pos + y<j>_neg ->}
 * with no products. The outputs become the single species {@code y<j>_pos}.
 *
 * <p>The output rails are consumed by no reaction before the stage (checked), so afterwards every
 * species is still consumed by at most one reaction and the CRN stays feed-forward: the final state
 * is rate-independent. Without the annihilation the rails would end with {@code pos - neg = y_j + c};
 * the annihilation runs until one rail is used up, so {@code y<j>_pos} ends at {@code max(y_j + c, 0)}
 * and {@code y<j>_neg} at {@code max(-(y_j + c), 0)}. The stage works on any such CRN, so it is
 * applied last, after the reduce step and the fan-out cap: neither touches the output rails (the
 * reduce step keeps outputs, the cap splits only reactions with products), so the order does not
 * change the final state (tested).
 */
public final class SubtractReadout {

    private SubtractReadout() {
    }

    public static Crn apply(Crn crn, ReadoutOffset offset) {
        if (crn.implementation() != null) {
            throw new CrnException("CRN '" + crn.name() + "' implements another CRN: apply the subtract read-out to the"
                    + " formal CRN");
        }
        if (crn.info().get("readout") != null && !Readout.RAILS.id.equals(crn.info().get("readout"))) {
            throw new CrnException("CRN '" + crn.name() + "' already has the " + crn.info().get("readout") + " read-out");
        }
        Set<String> consumed = new HashSet<>();
        crn.reactions().forEach(r -> r.reactants().forEach(t -> consumed.add(t.species())));
        Map<String, Integer> index = crn.speciesIndex();
        List<Species> species = new ArrayList<>(crn.species());
        List<Reaction> reactions = new ArrayList<>(crn.reactions());
        List<CrnOutput> outputs = new ArrayList<>();
        double c = offset.value();
        for (CrnOutput out : crn.outputs()) {
            if (out.negative() == null) {
                throw new CrnException("output '" + out.name() + "' of CRN '" + crn.name() + "' is single-rail: the "
                        + "subtract read-out needs dual-rail outputs (the rate-independent scheme)");
            }
            for (String rail : List.of(out.positive(), out.negative())) {
                if (consumed.contains(rail)) {
                    throw new CrnException("output species '" + rail + "' of CRN '" + crn.name() + "' is already a "
                            + "reactant: an annihilation would compete with it");
                }
            }
            int p = index.get(out.positive());
            int m = index.get(out.negative());
            Species pos = species.get(p);
            Species neg = species.get(m);
            double start = pos.initial() - neg.initial() + c;
            species.set(p, pos.withInitial(Math.max(start, 0)));
            double negInitial = Math.max(-start, 0);
            // no longer read out: the negative pre-activation rail of the output unit
            species.set(m, new Species(neg.name(), negInitial, negInitial > 0 ? SpeciesRole.BIAS : SpeciesRole.INTERMEDIATE,
                    neg.layer()));
            // the negative rail first: a DNA gate holds its first reactant until the second comes, and a held
            // y<j>_neg is not read, where a held y<j>_pos would be missing from the read-out
            reactions.add(new Reaction(List.of(new Term(out.negative(), 1), new Term(out.positive(), 1)), List.of(), 1,
                    pos.layer()));
            outputs.add(new CrnOutput(out.name(), out.positive(), null));
        }
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        info.put("readout", Readout.SUBTRACT.id);
        info.put("readout_offset", c);
        info.put("readout_offset_chosen", offset.chosen());
        // the species the read-out stage's reactions consume: their DNA gates get more fuel
        List<String> stage = new ArrayList<>();
        crn.outputs().forEach(o -> {
            stage.add(o.positive());
            stage.add(o.negative());
        });
        info.put("readout_species", stage);
        return new Crn(crn.name(), species, reactions, crn.inputs(), outputs, info);
    }

    /**
     * The read-out's offset if the CRN (formal, or read back from its files) has the subtract stage
     * (alone or under winner-take-all), else null.
     */
    public static Double offsetOf(Crn crn) {
        Object readout = crn.info().get("readout");
        if (!Readout.SUBTRACT.id.equals(readout) && !Readout.WTA.id.equals(readout)) {
            return null;
        }
        if (!(crn.info().get("readout_offset") instanceof Number c)) {
            throw new CrnException("CRN '" + crn.name() + "' has the subtract read-out but records no readout_offset");
        }
        return c.doubleValue();
    }

    /**
     * What the read-out computes, {@code max(y_j + c, 0)}: the network followed by a ReLU layer with
     * identity weights and bias c (whatever the network's output activation).
     */
    public static Network expectedFunction(Network network, double offset) {
        int k = network.outputs();
        double[][] identity = new double[k][k];
        double[] bias = new double[k];
        for (int j = 0; j < k; j++) {
            identity[j][j] = 1;
            bias[j] = offset;
        }
        List<Layer> layers = new ArrayList<>(network.layers());
        layers.add(new Layer(Activation.RELU, 0, identity, bias));
        return new Network(network.name(), network.inputs(), network.inputNames(), network.classes(),
                network.preprocessing(), network.inputRange(), layers);
    }
}
