package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnInput;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;
import nn2crn.network.Activation;
import nn2crn.network.Layer;
import nn2crn.network.Network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate-independent construction of Vasic et al. (ICML 2020). Every value is a pair of rails
 * (value = pos - neg). Species names: inputs {@code x<i>_pos}, {@code x<i>_neg}; in layer l, unit j
 * the pre-activation {@code z<l>_<j>_pos/neg}, the ReLU helper {@code m<l>_<j>} and the output
 * {@code h<l>_<j>_pos/neg}; the last layer's outputs {@code y<j>_pos/neg}. Layers count from 0.
 */
final class RateIndependentCompiler {

    private final List<Species> species = new ArrayList<>();
    private final List<Reaction> reactions = new ArrayList<>();

    private RateIndependentCompiler() {
    }

    static Crn compile(Network network, CompileOptions options) {
        return new RateIndependentCompiler().build(network, options);
    }

    private Crn build(Network network, CompileOptions options) {
        List<Layer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.activation() == Activation.SMOOTH_RELU) {
                throw new CrnException("network '" + network.name() + "': layer " + l
                        + " is smooth-relu, which the rate-independent scheme cannot compile (use --scheme smooth-relu)");
            }
            checkIntegerWeights(network, l, layer);
        }
        InputShift shift = InputShift.forRateIndependent(network, options);
        layers = shift.foldInto(layers);

        List<CrnInput> inputs = new ArrayList<>();
        List<String[]> sourceRails = new ArrayList<>(); // per source value: {pos, neg or null}
        for (int i = 0; i < network.inputs(); i++) {
            String pos = "x" + i + "_pos";
            String neg = shift.singleRail() ? null : "x" + i + "_neg";
            species.add(new Species(pos, 0, SpeciesRole.INPUT, -1));
            if (neg != null) {
                species.add(new Species(neg, 0, SpeciesRole.INPUT, -1));
            }
            inputs.add(new CrnInput(i, network.inputNames().get(i), shift.of(i), neg != null, List.of(new Term(pos, 1)),
                    neg == null ? List.of() : List.of(new Term(neg, 1))));
            sourceRails.add(new String[]{pos, neg});
        }

        List<CrnOutput> outputs = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            boolean relu = layer.activation() == Activation.RELU;
            List<String[]> preActivation = new ArrayList<>();
            List<String[]> values = new ArrayList<>();
            for (int j = 0; j < layer.units(); j++) {
                String value = last ? "y" + j : "h" + l + "_" + j;
                String pre = relu ? "z" + l + "_" + j : value;
                SpeciesRole valueRole = last ? SpeciesRole.OUTPUT : SpeciesRole.INTERMEDIATE;
                double b = layer.bias()[j];
                String[] preRails = {pre + "_pos", pre + "_neg"};
                SpeciesRole preRole = relu ? SpeciesRole.INTERMEDIATE : valueRole;
                addRail(preRails[0], b > 0 ? b : 0, preRole, l);
                addRail(preRails[1], b < 0 ? -b : 0, preRole, l);
                preActivation.add(preRails);
                if (relu) {
                    String helper = "m" + l + "_" + j;
                    String[] valueRails = {value + "_pos", value + "_neg"};
                    species.add(new Species(helper, 0, SpeciesRole.HELPER, l));
                    species.add(new Species(valueRails[0], 0, valueRole, l));
                    species.add(new Species(valueRails[1], 0, valueRole, l));
                    values.add(valueRails);
                } else {
                    values.add(preRails);
                }
                if (last) {
                    outputs.add(new CrnOutput(network.classes().get(j), values.get(j)[0], values.get(j)[1]));
                }
            }
            addFanOut(sourceRails, layer, preActivation, l);
            if (relu) {
                for (int j = 0; j < layer.units(); j++) {
                    String helper = "m" + l + "_" + j;
                    String[] pre = preActivation.get(j);
                    String[] out = values.get(j);
                    reactions.add(new Reaction(List.of(new Term(pre[0], 1)),
                            List.of(new Term(helper, 1), new Term(out[0], 1)), 1, l));
                    reactions.add(new Reaction(List.of(new Term(helper, 1), new Term(pre[1], 1)),
                            List.of(new Term(out[1], 1)), 1, l));
                }
            }
            sourceRails = values;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("scheme", Scheme.RATE_INDEPENDENT.id);
        info.put("source", network.name());
        info.put("input_rails", shift.singleRail() ? "single" : "dual");
        info.put("shift_inputs", shift.singleRail() && options.shiftInputs());
        info.put("reduced", false);
        Crn crn = new Crn(network.name(), species, reactions, inputs, outputs, info);
        return options.reduce() ? Reducer.reduce(crn) : crn;
    }

    private void addRail(String name, double initial, SpeciesRole role, int layer) {
        species.add(new Species(name, initial, initial > 0 && role == SpeciesRole.INTERMEDIATE
                ? SpeciesRole.BIAS : role, layer));
    }

    /**
     * One reaction per source rail: a weight w to unit j puts |w| copies of j's pre-activation rail
     * (the same rail for w > 0, the opposite one for w < 0) among the products.
     */
    private void addFanOut(List<String[]> sources, Layer layer, List<String[]> targets, int l) {
        for (int i = 0; i < sources.size(); i++) {
            for (int rail = 0; rail < 2; rail++) {
                String source = sources.get(i)[rail];
                if (source == null) {
                    continue;
                }
                List<Term> products = new ArrayList<>();
                for (int j = 0; j < layer.units(); j++) {
                    double w = layer.weights()[j][i];
                    if (w != 0) {
                        int targetRail = w > 0 ? rail : 1 - rail;
                        products.add(new Term(targets.get(j)[targetRail], (int) Math.abs(w)));
                    }
                }
                if (!products.isEmpty()) {
                    reactions.add(new Reaction(List.of(new Term(source, 1)), products, 1, l));
                }
            }
        }
    }

    private static void checkIntegerWeights(Network network, int l, Layer layer) {
        for (int j = 0; j < layer.units(); j++) {
            for (int i = 0; i < layer.inputs(); i++) {
                double w = layer.weights()[j][i];
                if (w != Math.rint(w) || Math.abs(w) > 1_000_000) {
                    throw new CrnException("network '" + network.name() + "': layers[" + l + "].weights[" + j + "][" + i
                            + "] is " + w + "; the rate-independent scheme needs integer weights (binary or ternary training)");
                }
            }
        }
    }
}
