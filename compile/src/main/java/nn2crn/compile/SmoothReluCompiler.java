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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mass-action smoothed-ReLU construction of Anderson, Joshi and Deshpande (2021). One species
 * per unit, whose ODE is {@code dy/dt = eps + z y - y^2} with {@code z = w.x + b}; its positive
 * fixed point is {@code s_eps(z)}. The previous layer's species are catalysts. The output layer
 * uses s_eps too (it is increasing, so the argmax is the network's): each output species settles
 * at s_eps of the network's output. Species names: inputs {@code x<i>}, hidden units
 * {@code h<l>_<j>}, outputs {@code y<j>}.
 */
final class SmoothReluCompiler {

    /** eps for networks without a smooth-relu layer, when none is given. */
    static final double DEFAULT_EPS = 0.01;

    private SmoothReluCompiler() {
    }

    static Crn compile(Network network, CompileOptions options) {
        if (options.reduce()) {
            throw new CrnException("--reduce applies to the rate-independent scheme only");
        }
        InputShift shift = InputShift.forSmoothRelu(network, options);
        List<Layer> layers = shift.foldInto(network.layers());
        double defaultEps = options.eps() != null ? options.eps() : networkEps(network);
        if (!(defaultEps > 0)) {
            throw new CrnException("--eps must be positive, is " + defaultEps);
        }

        List<Species> species = new ArrayList<>();
        List<Reaction> reactions = new ArrayList<>();
        List<CrnInput> inputs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < network.inputs(); i++) {
            String x = "x" + i;
            species.add(new Species(x, 0, SpeciesRole.INPUT, -1));
            inputs.add(new CrnInput(i, network.inputNames().get(i), shift.of(i), false, List.of(new Term(x, 1)), List.of()));
            sources.add(x);
        }
        List<CrnOutput> outputs = new ArrayList<>();
        List<Double> layerEps = new ArrayList<>();
        boolean approximatesRelu = false;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            double eps = layer.activation() == Activation.SMOOTH_RELU ? layer.eps() : defaultEps;
            approximatesRelu |= layer.activation() == Activation.RELU;
            layerEps.add(eps);
            List<String> units = new ArrayList<>();
            for (int j = 0; j < layer.units(); j++) {
                String y = last ? "y" + j : "h" + l + "_" + j;
                species.add(new Species(y, 0, last ? SpeciesRole.OUTPUT : SpeciesRole.INTERMEDIATE, l));
                units.add(y);
                Term one = new Term(y, 1);
                reactions.add(new Reaction(List.of(), List.of(one), eps, l));
                for (int i = 0; i < sources.size(); i++) {
                    double w = layer.weights()[j][i];
                    Term catalyst = new Term(sources.get(i), 1);
                    if (w > 0) {
                        reactions.add(new Reaction(List.of(catalyst, one), List.of(catalyst, new Term(y, 2)), w, l));
                    } else if (w < 0) {
                        reactions.add(new Reaction(List.of(catalyst, one), List.of(catalyst), -w, l));
                    }
                }
                double b = layer.bias()[j];
                if (b > 0) {
                    reactions.add(new Reaction(List.of(one), List.of(new Term(y, 2)), b, l));
                } else if (b < 0) {
                    reactions.add(new Reaction(List.of(one), List.of(), -b, l));
                }
                reactions.add(new Reaction(List.of(new Term(y, 2)), List.of(one), 1, l));
                if (last) {
                    outputs.add(new CrnOutput(network.classes().get(j), y, null));
                }
            }
            sources = units;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("scheme", Scheme.SMOOTH_RELU.id);
        info.put("source", network.name());
        info.put("input_rails", "single");
        info.put("shift_inputs", Arrays.stream(shift.shift()).anyMatch(v -> v != 0));
        info.put("eps", layerEps);
        info.put("output_function", "s_eps(z) = (z + sqrt(z^2 + 4 eps)) / 2 of the network's output z");
        info.put("approximates_relu", approximatesRelu);
        return new Crn(network.name(), species, reactions, inputs, outputs, info);
    }

    private static double networkEps(Network network) {
        return network.layers().stream().filter(l -> l.activation() == Activation.SMOOTH_RELU)
                .mapToDouble(Layer::eps).findFirst().orElse(DEFAULT_EPS);
    }

    /**
     * The function the CRN's steady state computes: the network with every layer (output layer
     * included) replaced by s_eps at the eps the compiler used.
     */
    static Network smoothed(Network network, List<Double> layerEps) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            Layer layer = network.layers().get(l);
            layers.add(new Layer(Activation.SMOOTH_RELU, layerEps.get(l), layer.weights(), layer.bias()));
        }
        return new Network(network.name(), network.inputs(), network.inputNames(), network.classes(),
                network.preprocessing(), network.inputRange(), layers);
    }
}
