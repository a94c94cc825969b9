package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.crn.Reaction;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmoothReluCompilerTest {

    /** d(state)/dt under mass action. */
    static double[] derivative(Crn crn, double[] state) {
        Map<String, Integer> index = crn.speciesIndex();
        double[] d = new double[state.length];
        for (Reaction r : crn.reactions()) {
            double flux = r.rate();
            for (Term t : r.reactants()) {
                flux *= Math.pow(state[index.get(t.species())], t.count());
            }
            for (Term t : r.reactants()) {
                d[index.get(t.species())] -= t.count() * flux;
            }
            for (Term t : r.products()) {
                d[index.get(t.species())] += t.count() * flux;
            }
        }
        return d;
    }

    /** Every unit's ODE is eps + z y - y^2: zero at y = s_eps(z), so the network's values are a fixed point. */
    @Test
    void theNetworksValuesAreTheFixedPointOfTheOdes() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            Network relu = TestNetworks.random(random, new int[]{3, 1 + random.nextInt(5), 1 + random.nextInt(4), 2},
                    new double[]{-1, 0, 1, 0.5});
            Crn crn = CrnCompiler.compile(relu, CompileOptions.of(Scheme.SMOOTH_RELU).withEps(0.05));
            Network expected = CrnCompiler.expectedFunction(relu, crn);
            expected.layers().forEach(l -> assertEquals(Activation.SMOOTH_RELU, l.activation()));
            double[] x = TestNetworks.randomInput(random, 3);
            double[] state = crn.initialState(x);
            // the fixed point: every unit at its value
            double[] values = x;
            for (int l = 0; l < expected.layers().size(); l++) {
                Layer layer = expected.layers().get(l);
                values = ForwardPass.layerOutputs(layer, values);
                for (int j = 0; j < values.length; j++) {
                    String name = l == expected.layers().size() - 1 ? "y" + j : "h" + l + "_" + j;
                    state[crn.speciesIndex().get(name)] = values[j];
                }
            }
            double[] d = derivative(crn, state);
            for (int s = 0; s < d.length; s++) {
                assertEquals(0, d[s], 1e-12, crn.species().get(s).name());
            }
            assertArrayEquals(ForwardPass.outputs(expected, x), crn.outputValues(state), 1e-12);
        }
    }

    @Test
    void reactionsAndRatesFollowTheConstruction() {
        Network tiny = TestNetworks.tiny();
        Crn crn = CrnCompiler.compile(tiny, CompileOptions.of(Scheme.SMOOTH_RELU).withEps(0.01));
        // per unit: 0 -> Y, one reaction per nonzero weight, one for a nonzero bias (after the
        // shift: -0.5, -2.25, 0, 0.125), 2Y -> Y
        assertEquals((1 + 2 + 1 + 1) + (1 + 1 + 1 + 1) + (1 + 2 + 0 + 1) + (1 + 2 + 1 + 1), crn.reactions().size());
        assertEquals(2 + 2 + 2, crn.species().size());
        assertEquals(List.of(SpeciesRole.INPUT, SpeciesRole.INPUT, SpeciesRole.INTERMEDIATE, SpeciesRole.INTERMEDIATE,
                SpeciesRole.OUTPUT, SpeciesRole.OUTPUT), crn.species().stream().map(s -> s.role()).toList());
        // feature a has lower bound -1: shifted by it, and the shift folded into the first biases
        assertEquals(-1, crn.inputs().get(0).shift());
        assertEquals(Boolean.TRUE, crn.info().get("shift_inputs"));
        String text = CrnText.format(crn, List.of());
        assertTrue(text.contains("-> h0_0 [k = 0.01]"), text);
        assertTrue(text.contains("x0 + h0_0 -> x0 + 2 h0_0"), text);
        assertTrue(text.contains("x1 + h0_0 -> x1 [k = 1]") || text.contains("x1 + h0_0 -> x1\n"), text);
        assertTrue(text.contains("2 y1 -> y1"), text);
        crn.species().forEach(s -> assertTrue(CrnText.isNuskellSafe(s.name())));
    }

    @Test
    void approximationOfReluNetworksShrinksWithEps() {
        Random random = new Random(12);
        Network relu = TestNetworks.random(random, new int[]{4, 8, 3}, new double[]{-1, 1});
        double[][] inputs = new double[200][];
        for (int n = 0; n < inputs.length; n++) {
            inputs[n] = TestNetworks.randomInput(random, 4);
        }
        CrnCompiler.Approximation coarse = CrnCompiler.approximation(relu,
                CrnCompiler.compile(relu, CompileOptions.of(Scheme.SMOOTH_RELU).withEps(0.1)), inputs);
        CrnCompiler.Approximation fine = CrnCompiler.approximation(relu,
                CrnCompiler.compile(relu, CompileOptions.of(Scheme.SMOOTH_RELU).withEps(1e-6)), inputs);
        assertEquals(200, fine.examples());
        assertTrue(fine.maxAbsError() < coarse.maxAbsError() / 10, fine + " vs " + coarse);
        assertTrue(fine.argmaxAgreement() >= 0.99, fine.toString());

        // a network trained with smooth-relu is computed exactly (up to rounding)
        List<Layer> smoothLayers = relu.layers().stream().map(l -> l.activation() == Activation.RELU
                ? new Layer(Activation.SMOOTH_RELU, 0.05, l.weights(), l.bias()) : l).toList();
        Network smooth = new Network("s", 4, relu.inputNames(), relu.classes(), Map.of(), relu.inputRange(), smoothLayers);
        CrnCompiler.Approximation exact = CrnCompiler.approximation(smooth,
                CrnCompiler.compile(smooth, CompileOptions.of(Scheme.SMOOTH_RELU)), inputs);
        assertEquals(1.0, exact.argmaxAgreement());
        assertEquals(0, exact.maxAbsError(), 1e-12);
    }

    @Test
    void usesTheNetworksEpsAndNeedsInputBounds() {
        Layer hidden = new Layer(Activation.SMOOTH_RELU, 0.2, new double[][]{{1}}, new double[]{0});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{-1}}, new double[]{0});
        Network network = new Network("s", 1, List.of("a"), List.of("y"), Map.of(), null, List.of(hidden, out));
        assertTrue(assertThrows(CrnException.class, () -> CrnCompiler.compile(network,
                CompileOptions.of(Scheme.SMOOTH_RELU))).getMessage().contains("--input-min"));
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.SMOOTH_RELU).withInputMin(0));
        assertEquals(List.of(0.2, 0.2), crn.info().get("eps"));
        assertThrows(CrnException.class, () -> CrnCompiler.compile(network,
                CompileOptions.of(Scheme.SMOOTH_RELU).withInputMin(0).withReduce(true)));
    }
}
