package nn2crn.compile;

import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.Term;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateIndependentCompilerTest {

    private static final double[] BINARY = {-1, 1};
    private static final double[] TERNARY = {-1, 0, 1};

    private static Crn compile(Network network) {
        return CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
    }

    /** The paper's size counts: every weight nonzero, as in the authors' published CRNs. */
    @ParameterizedTest
    @CsvSource({"4 8 3, 54, 40", "10 8 4, 68, 52", "196 64 10, 732, 648"})
    void sizesOfThePapersArchitectures(String architecture, int species, int reactions) {
        int[] sizes = Arrays.stream(architecture.split(" ")).mapToInt(Integer::parseInt).toArray();
        Crn crn = compile(TestNetworks.random(new Random(1), sizes, BINARY));
        assertEquals(species, crn.species().size());
        assertEquals(reactions, crn.reactions().size());
    }

    @Test
    void countsFollowTheFormulaOnRandomNetworks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int[] sizes = randomSizes(random);
            Network network = TestNetworks.random(random, sizes, TERNARY);
            Crn crn = compile(network);
            int hidden = Arrays.stream(sizes, 1, sizes.length - 1).sum();
            int outputs = sizes[sizes.length - 1];
            assertEquals(2 * sizes[0] + 5 * hidden + 2 * outputs, crn.species().size());
            // one fan-out per source rail with a nonzero outgoing weight, two reactions per ReLU
            int fanOuts = 0;
            for (int l = 0; l < network.layers().size(); l++) {
                Layer layer = network.layers().get(l);
                for (int i = 0; i < layer.inputs(); i++) {
                    int column = i;
                    boolean any = Arrays.stream(layer.weights()).anyMatch(row -> row[column] != 0);
                    fanOuts += any ? 2 : 0;
                }
            }
            assertEquals(fanOuts + 2 * hidden, crn.reactions().size());
            crn.species().forEach(s -> assertTrue(CrnText.isNuskellSafe(s.name()), s.name()));
        }
    }

    private static int[] randomSizes(Random random) {
        int depth = 2 + random.nextInt(3);
        int[] sizes = new int[depth + 1];
        for (int k = 0; k <= depth; k++) {
            sizes[k] = 1 + random.nextInt(6);
        }
        return sizes;
    }

    /** The stable state (every reaction fired to completion) equals the network's output. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "reduce", "shift-inputs", "shift-inputs+reduce"})
    void stableStateEqualsTheForwardPass(String variant) {
        Random random = new Random(variant.hashCode());
        CompileOptions options = CompileOptions.of(Scheme.RATE_INDEPENDENT)
                .withReduce(variant.contains("reduce")).withShiftInputs(variant.contains("shift"));
        for (int trial = 0; trial < 40; trial++) {
            int[] sizes = randomSizes(random);
            // integer weights beyond +-1 compile too (as product stoichiometry)
            double[] values = trial % 4 == 0 ? new double[]{-2, -1, 0, 1, 3} : TERNARY;
            Network network = TestNetworks.random(random, sizes, values);
            Crn crn = CrnCompiler.compile(network, options);
            for (int k = 0; k < 10; k++) {
                double[] x = TestNetworks.randomInput(random, sizes[0]);
                double[] state = Completion.stableState(crn, crn.initialState(x));
                assertArrayEquals(ForwardPass.outputs(network, x), crn.outputValues(state), 1e-9,
                        variant + " trial " + trial);
            }
        }
    }

    @Test
    void reduceLeavesOneBimolecularReactionPerReluUnit() {
        Network network = TestNetworks.random(new Random(3), new int[]{4, 8, 3}, BINARY);
        Crn reduced = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true));
        assertEquals(8, reduced.reactions().size());
        reduced.reactions().forEach(r -> assertEquals(2, r.order()));
        // inputs now load the species they fed, with multiplicities
        assertTrue(reduced.inputs().get(0).positive().size() > 1);
        assertEquals(Boolean.TRUE, reduced.info().get("reduced"));
        // 8 helpers, 8 negative pre-activation rails, 6 output rails
        assertEquals(22, reduced.species().size());
    }

    /** The paper's reduced sizes: Iris 22 / 8, virus 24 / 8, MNIST 148 / 64. */
    @ParameterizedTest
    @CsvSource({"4 8 3, 22, 8", "10 8 4, 24, 8", "196 64 10, 148, 64"})
    void reducedSizesOfThePapersArchitectures(String architecture, int species, int reactions) {
        int[] sizes = Arrays.stream(architecture.split(" ")).mapToInt(Integer::parseInt).toArray();
        Network network = TestNetworks.random(new Random(1), sizes, TERNARY);
        // a feature whose weights are all 0 (a blank MNIST corner pixel) leaves nothing behind
        for (double[] row : network.layers().get(0).weights()) {
            row[0] = 0;
        }
        Crn reduced = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true));
        assertEquals(species, reduced.species().size());
        assertEquals(reactions, reduced.reactions().size());
        assertTrue(reduced.inputs().get(0).positive().isEmpty() && reduced.inputs().get(0).dualRail());
        Random random = new Random(2);
        for (int k = 0; k < 5; k++) {
            double[] x = TestNetworks.randomInput(random, sizes[0]);
            x[0] = -1.5;
            assertArrayEquals(ForwardPass.outputs(network, x),
                    reduced.outputValues(Completion.stableState(reduced, reduced.initialState(x))), 1e-9);
        }
    }

    @Test
    void singleRailInputsWhenFeaturesAreNonNegative() {
        Network network = TestNetworks.random(new Random(4), new int[]{3, 2, 2}, TERNARY);
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withInputMin(0));
        assertEquals(3 + 10 + 4, crn.species().size());
        crn.inputs().forEach(in -> assertTrue(in.negative().isEmpty()));
        double[] x = {0.5, 1.5, 0};
        assertArrayEquals(ForwardPass.outputs(network, x),
                crn.outputValues(Completion.stableState(crn, crn.initialState(x))), 1e-12);
        assertThrows(CrnException.class, () -> crn.initialState(new double[]{-0.1, 0, 0}));
    }

    @Test
    void refusesWhatItCannotCompile() {
        Network real = TestNetworks.random(new Random(5), new int[]{2, 2, 2}, new double[]{0.5});
        String message = assertThrows(CrnException.class, () -> compile(real)).getMessage();
        assertTrue(message.contains("layers[0].weights[0][0] is 0.5") && message.contains("integer weights"), message);

        Layer smooth = new Layer(Activation.SMOOTH_RELU, 0.01, new double[][]{{1}}, new double[]{0});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1}}, new double[]{0});
        Network smoothNet = new Network("s", 1, List.of("a"), List.of("y"), Map.of(), null, List.of(smooth, out));
        assertTrue(assertThrows(CrnException.class, () -> compile(smoothNet)).getMessage().contains("--scheme smooth-relu"));

        Network noRange = new Network("n", 1, List.of("a"), List.of("y"), Map.of(), null,
                List.of(new Layer(Activation.IDENTITY, 0, new double[][]{{1}}, new double[]{0})));
        assertTrue(assertThrows(CrnException.class, () -> CrnCompiler.compile(noRange,
                CompileOptions.of(Scheme.RATE_INDEPENDENT).withShiftInputs(true))).getMessage().contains("--input-min"));
    }

    // --- the authors' CRNs (shared/fixtures/dmp-heart) ---

    @ParameterizedTest
    @CsvSource({"heart, false", "heart-layers_5b, false", "heart-pruned-shifted, true"})
    void reproducesTheAuthorsCrns(String name, boolean nonNegativeInputs) {
        Path dir = nn2crn.network.Fixtures.dir();
        Network network = NetworkJson.read(dir.resolve(name + ".network.json"));
        CompileOptions options = CompileOptions.of(Scheme.RATE_INDEPENDENT);
        Crn ours = CrnCompiler.compile(network, nonNegativeInputs ? options.withInputMin(0) : options);
        Crn theirs = CrnText.read(dir.resolve(name + ".crn"));
        int last = network.layers().size() - 1;

        List<String> expected = new ArrayList<>(theirs.reactions().stream().map(RateIndependentCompilerTest::canonical).toList());
        List<String> actual = new ArrayList<>(ours.reactions().stream()
                .map(r -> canonical(rename(r, last))).toList());
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual);

        Map<String, Double> expectedInitial = new TreeMap<>();
        theirs.species().stream().filter(s -> s.initial() != 0).forEach(s -> expectedInitial.put(s.name(), s.initial()));
        Map<String, Double> actualInitial = new TreeMap<>();
        ours.species().stream().filter(s -> s.initial() != 0)
                .forEach(s -> actualInitial.put(authorsName(s.name(), last), s.initial()));
        assertEquals(expectedInitial.keySet(), actualInitial.keySet());
        expectedInitial.forEach((s, v) -> assertEquals(v, actualInitial.get(s), 1e-9, s));
        // the authors' count includes every species; ours too (theirs lists only species that occur)
        assertTrue(ours.species().size() >= theirs.species().size());
        ours.species().stream().map(Species::name).forEach(s -> assertTrue(CrnText.isNuskellSafe(s), s));
    }

    private static final Pattern OURS = Pattern.compile("([xzmhy])(\\d+)(?:_(\\d+))?(?:_(pos|neg))?");

    /** Our name in the authors' scheme: x0_pos -> x0Spos, z1_2_neg -> iL1N2Sneg, y0_pos -> hL{last}N0Spos. */
    static String authorsName(String name, int lastLayer) {
        Matcher m = OURS.matcher(name);
        if (!m.matches()) {
            throw new AssertionError("unexpected species name " + name);
        }
        String sign = m.group(4) == null ? "" : "S" + m.group(4);
        return switch (m.group(1)) {
            case "x" -> "x" + m.group(2) + sign;
            case "z" -> "iL" + m.group(2) + "N" + m.group(3) + sign;
            case "m" -> "mL" + m.group(2) + "N" + m.group(3);
            case "h" -> "hL" + m.group(2) + "N" + m.group(3) + sign;
            default -> "hL" + lastLayer + "N" + m.group(2) + sign;
        };
    }

    private static Reaction rename(Reaction r, int last) {
        return new Reaction(r.reactants().stream().map(t -> new Term(authorsName(t.species(), last), t.count())).toList(),
                r.products().stream().map(t -> new Term(authorsName(t.species(), last), t.count())).toList(),
                r.rate(), r.layer());
    }

    private static String canonical(Reaction r) {
        return side(r.reactants()) + " -> " + side(r.products()) + " @" + r.rate();
    }

    private static String side(List<Term> terms) {
        return terms.stream().map(t -> t.count() + " " + t.species()).sorted().toList().toString();
    }
}
