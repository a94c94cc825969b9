package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Readout;
import nn2crn.compile.ReadoutOffset;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.compile.WtaReadout;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnStructure;
import nn2crn.crn.Reaction;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 26: the winner-take-all read-out stage. */
class WtaReadoutTest {

    private static final SolverSettings TIGHT = new SolverSettings(SolverSettings.Method.ROSENBROCK, 1e-8, 1e-10, 0,
            1_000_000);

    @TempDir
    Path dir;

    /** One feature x in [0, 2], three classes: y0 = x - 1.5, y1 = 0.5 (constant), y2 = -x + 1 (plus a hidden ReLU). */
    private static Network threeClasses() {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{1}}, new double[]{0});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1}, {0}, {-1}}, new double[]{-1.5, 0.5, 1});
        return new Network("three", 1, List.of("x"), List.of("a", "b", "c"), Map.of(),
                new InputRange(new double[]{0}, new double[]{2}), List.of(hidden, out));
    }

    private static Crn wta(Network network, double offset, double level) {
        return CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT)
                .withReadout(Readout.WTA, ReadoutOffset.given(offset), level));
    }

    private static double[] finalState(Crn crn, double[] rates, double[] start, double tMax) {
        Solution s = TIGHT.create(new MassActionSystem(crn, rates)).solve(start, tMax, StepObserver.NONE);
        assertEquals(SolverStatus.T_MAX, s.status());
        return s.state();
    }

    @Test
    void theKnownWinnerTurnsOnAndTheOthersStayLow() {
        Network network = threeClasses();
        Crn crn = wta(network, 0.5, 1);
        // y + c at x = 0: (-1, 1, 1.5), c wins; x = 1: (0, 1, 0.5), b; x = 1.8: (0.8, 1, -0.3), b by 0.2 over a
        double[][] inputs = {{0}, {1}, {1.8}};
        int[] winners = {2, 1, 1};
        for (int e = 0; e < inputs.length; e++) {
            double[] expected = CrnCompiler.expectedOutputs(network, crn).apply(inputs[e]);
            assertEquals(1.0, expected[winners[e]]);
            double[] state = finalState(crn, crn.reactions().stream().mapToDouble(Reaction::rate).toArray(),
                    crn.initialState(inputs[e]), 200_000);
            double[] on = crn.outputValues(state);
            assertEquals(winners[e], ForwardPass.argmax(on), "example " + e + ": " + java.util.Arrays.toString(on));
            assertTrue(on[winners[e]] > 0.9, "the winner turns on: " + java.util.Arrays.toString(on));
            for (int j = 0; j < on.length; j++) {
                if (j != winners[e]) {
                    assertTrue(on[j] < 0.3, "class " + j + " stays low: " + java.util.Arrays.toString(on));
                }
            }
        }
    }

    @Test
    void theStageIsWrittenAsItIsMeant() {
        Crn crn = wta(threeClasses(), 0.5, 2);
        int k = 3;
        long annihilations = crn.reactions().stream().filter(r -> r.rate() == WtaReadout.ANNIHILATION_RATE).count();
        long restorations = crn.reactions().stream().filter(r -> r.rate() == WtaReadout.RESTORATION_RATE).count();
        assertEquals(k * (k - 1) / 2, annihilations);
        assertEquals(k, restorations);
        assertEquals(List.of("y0_on", "y1_on", "y2_on"), crn.outputs().stream().map(o -> o.positive()).toList());
        assertTrue(crn.outputs().stream().allMatch(o -> o.negative() == null));
        assertEquals(2.0, crn.species().get(crn.speciesIndex().get("y1_supply")).initial());
        assertTrue(!CrnStructure.of(crn).rateIndependent(), "the stage is rate-dependent");
        assertEquals(2.0, WtaReadout.levelOf(crn));
        // the .crn text and manifest keep what the stage needs to be read back
        CrnFiles.write(crn, List.of("test"), null, Map.of(), dir);
        Crn back = CrnFiles.read(dir);
        assertEquals(2.0, WtaReadout.levelOf(back));
        assertEquals(0.5, nn2crn.compile.SubtractReadout.offsetOf(back));
        assertArrayEquals(crn.reactions().stream().mapToDouble(Reaction::rate).toArray(),
                back.reactions().stream().mapToDouble(Reaction::rate).toArray());
        assertNull(WtaReadout.levelOf(CrnCompiler.compile(threeClasses(), CompileOptions.of(Scheme.RATE_INDEPENDENT))));
    }

    /**
     * The record of each annihilated pair makes {@code [y_pos] - [y_neg] + sum of the class's pairs}
     * end at {@code y + c} exactly, whatever the rates: the subtract stage's value survives the
     * annihilation even where a negative rail arrives late.
     */
    @Test
    void eachClassKeepsItsValueUnderRandomRates() {
        Random random = new Random(26);
        for (int trial = 0; trial < 4; trial++) {
            Network network = TestNetworks.random(random, new int[]{3, 4, 4}, new double[]{-1, 0, 1});
            double c = 0.5;
            Crn crn = wta(network, c, 1);
            Map<String, Integer> index = crn.speciesIndex();
            for (int draw = 0; draw < 3; draw++) {
                double[] x = TestNetworks.randomInput(random, network.inputs());
                double[] rates = new double[crn.reactions().size()];
                for (int r = 0; r < rates.length; r++) {
                    rates[r] = crn.reactions().get(r).rate() * Math.exp(Math.log(10) * (2 * random.nextDouble() - 1));
                }
                double[] state = finalState(crn, rates, crn.initialState(x), 1e6);
                double[] y = ForwardPass.outputs(network, x);
                for (int j = 0; j < y.length; j++) {
                    double value = state[index.get("y" + j + "_pos")] - state[index.get("y" + j + "_neg")];
                    for (int i = 0; i < y.length; i++) {
                        if (i != j) {
                            String pair = i < j ? "y" + i + "_y" + j + "_pair" : "y" + j + "_y" + i + "_pair";
                            value += state[index.get(pair)];
                        }
                    }
                    assertEquals(y[j] + c, value, 1e-5, "class " + j + ", trial " + trial + ", draw " + draw);
                }
            }
        }
    }

    @Test
    void badUsesAreRefused() {
        Crn rails = CrnCompiler.compile(threeClasses(), CompileOptions.of(Scheme.RATE_INDEPENDENT));
        assertTrue(assertThrows(CrnException.class, () -> WtaReadout.apply(rails, 1)).getMessage()
                .contains("no subtract read-out"));
        assertThrows(IllegalArgumentException.class, () -> wta(threeClasses(), 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> CompileOptions.of(Scheme.RATE_INDEPENDENT)
                .withReadout(Readout.SUBTRACT, ReadoutOffset.given(1), 2.0));
        assertThrows(CrnException.class, () -> WtaReadout.apply(wta(threeClasses(), 0.5, 1), 1));
    }
}
