package nn2crn.compile;

import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnFiles;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.CrnStructure;
import nn2crn.crn.Reaction;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subtract read-out: structure, exact final state (whatever the rates), argmax, and how c is chosen. */
class SubtractReadoutTest {

    private static final double[] TERNARY = {-1, 0, 1};
    /** Molecules per network unit in the stochastic runs: every value below is a multiple of 1/4. */
    private static final int PER_UNIT = 4;

    @TempDir
    Path dir;

    private static CompileOptions subtract(double c) {
        return CompileOptions.of(Scheme.RATE_INDEPENDENT).withSubtractReadout(ReadoutOffset.given(c));
    }

    private static int[] randomSizes(Random random) {
        int depth = 2 + random.nextInt(2);
        int[] sizes = new int[depth + 1];
        for (int k = 0; k <= depth; k++) {
            sizes[k] = 1 + random.nextInt(4);
        }
        sizes[depth] = 2 + random.nextInt(3); // at least two classes
        return sizes;
    }

    /** max(y_j + c, 0) for every output. */
    private static double[] shifted(double[] y, double c) {
        return Arrays.stream(y).map(v -> Math.max(v + c, 0)).toArray();
    }

    private static double quarter(double v) {
        return Math.round(v * 4) / 4.0;
    }

    /** A random network whose biases are multiples of 1/4 (so whole molecules represent every value). */
    private static Network quarterNetwork(Random random, int[] sizes) {
        Network network = TestNetworks.random(random, sizes, TERNARY);
        for (Layer layer : network.layers()) {
            for (int j = 0; j < layer.units(); j++) {
                layer.bias()[j] = quarter(layer.bias()[j]);
            }
        }
        return network;
    }

    private static double[] quarterInput(Random random, int features) {
        return Arrays.stream(TestNetworks.randomInput(random, features)).map(SubtractReadoutTest::quarter).toArray();
    }

    // --- structure ---

    @ParameterizedTest
    @ValueSource(strings = {"plain", "reduce", "cap", "reduce+cap", "shift-inputs+reduce"})
    void oneAnnihilationPerClassAndStillRateIndependent(String variant) {
        Random random = new Random(variant.hashCode());
        for (int trial = 0; trial < 20; trial++) {
            int[] sizes = randomSizes(random);
            Network network = TestNetworks.random(random, sizes, TERNARY);
            CompileOptions rails = CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(variant.contains("reduce"))
                    .withShiftInputs(variant.contains("shift")).withMaxFanOut(variant.contains("cap") ? 2 : 0);
            Crn before = CrnCompiler.compile(network, rails);
            Crn crn = CrnCompiler.compile(network, rails.withSubtractReadout(ReadoutOffset.given(0.5)));
            int classes = network.outputs();
            assertEquals(before.reactions().size() + classes, crn.reactions().size());
            assertEquals(before.species().size(), crn.species().size());
            List<Reaction> annihilations = crn.reactions().stream().filter(r -> r.products().isEmpty()).toList();
            assertEquals(classes, annihilations.size());
            for (int j = 0; j < classes; j++) {
                Set<String> reactants = annihilations.get(j).reactants().stream().map(Term::species).collect(Collectors.toSet());
                assertEquals(Set.of("y" + j + "_pos", "y" + j + "_neg"), reactants);
                assertTrue(annihilations.get(j).reactants().stream().allMatch(t -> t.count() == 1));
                CrnOutput out = crn.outputs().get(j);
                assertEquals("y" + j + "_pos", out.positive());
                assertNull(out.negative());
                assertEquals(SpeciesRole.OUTPUT, crn.species(out.positive()).role());
            }
            CrnStructure structure = CrnStructure.of(crn);
            assertTrue(structure.rateIndependent(), variant + " trial " + trial + ": " + structure.describe());
            if (variant.contains("cap")) {
                crn.reactions().forEach(r -> assertTrue(r.productCount() <= 2, r.toString()));
            }
            if (variant.contains("reduce")) {
                assertEquals(Boolean.TRUE, crn.info().get("reduced"));
            }
            assertEquals("subtract", crn.info().get("readout"));
            assertEquals(0.5, crn.info().get("readout_offset"));
        }
    }

    /** The stage after reduce and the cap (as CrnCompiler applies it) or before them: the same final state. */
    @Test
    void theStageCommutesWithReduceAndTheFanOutCap() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int[] sizes = randomSizes(random);
            Network network = TestNetworks.random(random, sizes, TERNARY);
            ReadoutOffset c = ReadoutOffset.given(random.nextInt(8) / 4.0);
            Crn plain = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
            Crn last = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true)
                    .withMaxFanOut(2).withSubtractReadout(c));
            Crn first = FanOutCap.apply(Reducer.reduce(SubtractReadout.apply(plain, c)), 2);
            assertEquals(last.reactions().size(), first.reactions().size());
            assertEquals(last.species().size(), first.species().size());
            for (int k = 0; k < 5; k++) {
                double[] x = TestNetworks.randomInput(random, sizes[0]);
                assertArrayEquals(last.outputValues(Completion.stableState(last, last.initialState(x))),
                        first.outputValues(Completion.stableState(first, first.initialState(x))), 1e-9);
            }
        }
    }

    // --- the final state ---

    /** Every reaction fired to completion (the state any rates reach): y<j>_pos = max(y_j + c, 0), y<j>_neg = max(-(y_j + c), 0). */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "reduce", "reduce+cap"})
    void finalReadOutIsTheShiftedOutputClippedAtZero(String variant) {
        Random random = new Random(variant.hashCode() + 1);
        for (int trial = 0; trial < 40; trial++) {
            int[] sizes = randomSizes(random);
            Network network = TestNetworks.random(random, sizes, trial % 4 == 0 ? new double[]{-2, -1, 0, 1, 3} : TERNARY);
            double c = trial % 3 == 0 ? 0 : random.nextDouble() * 3;
            Crn crn = CrnCompiler.compile(network, subtract(c).withReduce(variant.contains("reduce"))
                    .withMaxFanOut(variant.contains("cap") ? 2 : 0));
            Map<String, Integer> index = crn.speciesIndex();
            for (int k = 0; k < 10; k++) {
                double[] x = TestNetworks.randomInput(random, sizes[0]);
                double[] y = ForwardPass.outputs(network, x);
                double[] state = Completion.stableState(crn, crn.initialState(x));
                assertArrayEquals(shifted(y, c), crn.outputValues(state), 1e-9, variant + " trial " + trial);
                for (int j = 0; j < y.length; j++) {
                    assertEquals(Math.max(-(y[j] + c), 0), state[index.get("y" + j + "_neg")], 1e-9);
                }
                // what the simulators and NetworkMatch compare with
                assertArrayEquals(shifted(y, c), ForwardPass.outputs(CrnCompiler.expectedFunction(network, crn), x), 1e-12);
            }
        }
    }

    /**
     * Under random rate constants (each in [0.1, 10], log-uniform), an exact stochastic run in whole
     * molecules ends with y<j>_pos = max(y_j + c, 0) molecules-per-unit times, exactly, and the
     * read-out's argmax is the network's wherever the top output + c > 0 and the top two differ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "reduce"})
    void randomRatesReachTheSameReadOut(String variant) {
        Random random = new Random(variant.hashCode() + 2);
        int checkedArgmax = 0;
        for (int trial = 0; trial < 25; trial++) {
            int[] sizes = randomSizes(random);
            Network network = quarterNetwork(random, sizes);
            double[][] train = new double[30][];
            for (int e = 0; e < train.length; e++) {
                train[e] = quarterInput(random, sizes[0]);
            }
            // c as the compiler chooses it (a multiple of 1/4), sometimes 0
            ReadoutOffset offset = trial % 5 == 0 ? ReadoutOffset.given(0)
                    : ReadoutOffset.choose(network, train, ReadoutOffset.DEFAULT_COVERAGE);
            Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT)
                    .withReduce(variant.contains("reduce")).withSubtractReadout(offset));
            Crn randomRates = withRandomRates(crn, random);
            Map<String, Integer> index = crn.speciesIndex();
            for (int k = 0; k < 4; k++) {
                double[] x = quarterInput(random, sizes[0]);
                double[] y = ForwardPass.outputs(network, x);
                long[] counts = Arrays.stream(crn.initialState(x)).mapToLong(v -> Math.round(v * PER_UNIT)).toArray();
                long[] end = gillespie(randomRates, counts, random);
                double[] readout = new double[y.length];
                for (int j = 0; j < y.length; j++) {
                    readout[j] = end[index.get("y" + j + "_pos")] / (double) PER_UNIT;
                    assertEquals(Math.max(y[j] + offset.value(), 0), readout[j], 1e-12,
                            variant + " trial " + trial + " output " + j);
                }
                double[] sorted = y.clone();
                Arrays.sort(sorted);
                double top = sorted[sorted.length - 1];
                if (top + offset.value() > 0 && top > sorted[sorted.length - 2]) {
                    assertEquals(ForwardPass.argmax(y), ForwardPass.argmax(readout));
                    checkedArgmax++;
                }
            }
        }
        assertTrue(checkedArgmax > 40, "argmax checked on " + checkedArgmax + " examples");
    }

    private static Crn withRandomRates(Crn crn, Random random) {
        List<Reaction> reactions = crn.reactions().stream()
                .map(r -> r.withRate(Math.pow(10, random.nextDouble() * 2 - 1))).toList();
        return new Crn(crn.name(), crn.species(), reactions, crn.inputs(), crn.outputs(), crn.info());
    }

    /** Gillespie's direct method until no reaction can fire (reactants here have stoichiometry 1). */
    private static long[] gillespie(Crn crn, long[] initial, Random random) {
        Map<String, Integer> index = crn.speciesIndex();
        List<Reaction> reactions = crn.reactions();
        int[][] in = reactions.stream().map(r -> r.reactants().stream().mapToInt(t -> index.get(t.species())).toArray())
                .toArray(int[][]::new);
        int[][] out = reactions.stream().map(r -> r.products().stream().mapToInt(t -> index.get(t.species())).toArray())
                .toArray(int[][]::new);
        int[][] outCount = reactions.stream().map(r -> r.products().stream().mapToInt(Term::count).toArray())
                .toArray(int[][]::new);
        reactions.forEach(r -> r.reactants().forEach(t -> assertEquals(1, t.count())));
        long[] x = initial.clone();
        double[] propensity = new double[reactions.size()];
        for (int events = 0; ; events++) {
            assertTrue(events < 10_000_000, "the run does not end");
            double total = 0;
            for (int r = 0; r < propensity.length; r++) {
                double a = reactions.get(r).rate();
                for (int s : in[r]) {
                    a *= x[s];
                }
                propensity[r] = a;
                total += a;
            }
            if (total == 0) {
                return x;
            }
            double pick = random.nextDouble() * total;
            int r = 0;
            while (r < propensity.length - 1 && (pick -= propensity[r]) >= 0) {
                r++;
            }
            while (propensity[r] == 0) { // round-off at the end of the scan
                r--;
            }
            for (int s : in[r]) {
                x[s]--;
            }
            for (int p = 0; p < out[r].length; p++) {
                x[out[r][p]] += outCount[r][p];
            }
        }
    }

    // --- the offset ---

    /** Outputs y0 = x and y1 = x - 1 of one feature: the top output is x. */
    private static Network topIsTheInput() {
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1}, {1}}, new double[]{0, -1});
        return new Network("top", 1, List.of("x"), List.of("a", "b"), Map.of(), null, List.of(out));
    }

    private static double[][] column(double... values) {
        return Arrays.stream(values).mapToObj(v -> new double[]{v}).toArray(double[][]::new);
    }

    private static double[][] withMany(double fill, int count, double... special) {
        double[] values = new double[count];
        Arrays.fill(values, fill);
        System.arraycopy(special, 0, values, 0, special.length);
        return column(values);
    }

    @Test
    void offsetIsTheSmallestQuarterThatLiftsTheTopOutputOn995PerMille() {
        Network network = topIsTheInput();
        // all positive: no offset
        assertEquals(0, ReadoutOffset.choose(network, column(0.1, 2, 3), 0.995).value());
        // 200 examples: one may stay at or below 0 (199 = 99.5% of 200), so the second smallest counts
        ReadoutOffset one = ReadoutOffset.choose(network, withMany(0.3, 200, -5), 0.995);
        assertEquals(0, one.value());
        assertEquals(199, one.chosen().get("covered"));
        ReadoutOffset two = ReadoutOffset.choose(network, withMany(0.3, 200, -5, -0.6), 0.995);
        assertEquals(0.75, two.value()); // -0.6 + 0.5 <= 0 < -0.6 + 0.75
        assertEquals(-0.6, two.chosen().get("quantile_top_output"));
        assertEquals(199, two.chosen().get("covered"));
        assertEquals(200, two.chosen().get("examples"));
        // strictly above 0: a top output of exactly -0.5 needs 0.75, not 0.5
        assertEquals(0.75, ReadoutOffset.choose(network, column(-0.5, 1), 0.995).value());
        // 150 examples (Iris): 99.5% of 150 is 149.25, so all 150
        assertEquals(5.25, ReadoutOffset.choose(network, withMany(1, 150, -5), 0.995).value());
        // coverage 1: the smallest counts
        assertEquals(5.25, ReadoutOffset.choose(network, withMany(1, 1000, -5), 1).value());
        assertEquals(0, ReadoutOffset.choose(network, withMany(1, 1000, -5), 0.995).value());
    }

    /** c depends on the inputs it is given and on nothing else: the pipeline gives it the train split. */
    @Test
    void offsetIsChosenFromTheGivenTrainInputsOnly() {
        Random random = new Random(5);
        Network network = TestNetworks.random(random, new int[]{3, 4, 3}, TERNARY);
        double[][] train = new double[300][];
        for (int e = 0; e < train.length; e++) {
            train[e] = TestNetworks.randomInput(random, 3);
        }
        ReadoutOffset c = ReadoutOffset.choose(network, train, ReadoutOffset.DEFAULT_COVERAGE, "random train");
        assertEquals(c, ReadoutOffset.choose(network, train.clone(), ReadoutOffset.DEFAULT_COVERAGE, "random train"));
        assertEquals("random train", c.chosen().get("inputs"));
        assertEquals(300, c.chosen().get("examples"));
        assertEquals("train-quantile", c.chosen().get("rule"));
        assertEquals(0, c.value() % ReadoutOffset.STEP);
        // the count it claims holds on those inputs, and one step less would not do
        long covered = Arrays.stream(train).filter(x -> top(network, x) + c.value() > 0).count();
        assertEquals(((Number) c.chosen().get("covered")).longValue(), covered);
        assertTrue(covered >= Math.ceil(0.995 * 300 - 1e-9));
        if (c.value() > 0) {
            assertTrue(Arrays.stream(train).filter(x -> top(network, x) + c.value() - ReadoutOffset.STEP > 0).count()
                    < Math.ceil(0.995 * 300 - 1e-9));
        }
        // examples it is not given do not count: ten far below 0 (as a test split might hold) would move c
        Network identity = topIsTheInput();
        double[][] trainOnly = withMany(0.5, 300);
        double[][] trainAndTest = Arrays.copyOf(trainOnly, 310);
        for (int e = 300; e < 310; e++) {
            trainAndTest[e] = new double[]{-3};
        }
        assertEquals(0, ReadoutOffset.choose(identity, trainOnly, ReadoutOffset.DEFAULT_COVERAGE).value());
        assertEquals(3.25, ReadoutOffset.choose(identity, trainAndTest, ReadoutOffset.DEFAULT_COVERAGE).value());
    }

    private static double top(Network network, double[] x) {
        return Arrays.stream(ForwardPass.outputs(network, x)).max().orElseThrow();
    }

    @Test
    void refusesWhatItCannotDo() {
        Network network = topIsTheInput();
        assertThrows(IllegalArgumentException.class, () -> ReadoutOffset.choose(network, column(1), 0));
        assertThrows(IllegalArgumentException.class, () -> ReadoutOffset.choose(network, column(1), 1.5));
        assertThrows(CrnException.class, () -> ReadoutOffset.choose(network, new double[0][], 0.995));
        assertThrows(IllegalArgumentException.class, () -> ReadoutOffset.given(-0.25));
        assertThrows(IllegalArgumentException.class, () -> ReadoutOffset.given(Double.NaN));
        // subtract needs the rate-independent scheme and an offset; an offset needs subtract
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompileOptions.of(Scheme.SMOOTH_RELU)
                .withSubtractReadout(ReadoutOffset.given(1))).getMessage().contains("rate-independent"));
        assertThrows(IllegalArgumentException.class, () -> new CompileOptions(Scheme.RATE_INDEPENDENT, false, false,
                null, null, 0, Readout.SUBTRACT, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CompileOptions(Scheme.RATE_INDEPENDENT, false, false,
                null, null, 0, Readout.RAILS, ReadoutOffset.given(1), null));
        assertEquals(Readout.RAILS, CompileOptions.of(Scheme.RATE_INDEPENDENT).readout());
        assertEquals(Readout.SUBTRACT, Readout.parse("subtract"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Readout.parse("argmax")).getMessage()
                .contains("known: rails, subtract, wta"));
        // twice, or on single-rail outputs
        Crn once = CrnCompiler.compile(TestNetworks.tiny(), subtract(1));
        assertThrows(CrnException.class, () -> SubtractReadout.apply(once, ReadoutOffset.given(1)));
        Crn smooth = CrnCompiler.compile(TestNetworks.tiny(), CompileOptions.of(Scheme.SMOOTH_RELU));
        assertTrue(assertThrows(CrnException.class, () -> SubtractReadout.apply(smooth, ReadoutOffset.given(1)))
                .getMessage().contains("single-rail"));
    }

    // --- files ---

    @Test
    void theStageAndItsOffsetSurviveTheFilesAndNetworkMatchAcceptsIt() throws Exception {
        Network network = TestNetworks.tiny();
        double[][] train = {{0, 0}, {1, 2}, {-1, 1}, {0.5, 0}};
        ReadoutOffset c = ReadoutOffset.choose(network, train, ReadoutOffset.DEFAULT_COVERAGE, "hand-made train");
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true)
                .withSubtractReadout(c));
        Path folder = dir.resolve("crn");
        CrnFiles.write(crn, List.of("test"), null, folder);
        Crn read = CrnFiles.read(folder);
        assertEquals("subtract", read.info().get("readout"));
        assertEquals(c.value(), ((Number) read.info().get("readout_offset")).doubleValue());
        assertEquals(c.value(), SubtractReadout.offsetOf(read));
        assertNull(read.outputs().get(0).negative());
        assertTrue(NetworkMatch.problem(network, read, train).isEmpty());
        String manifest = java.nio.file.Files.readString(folder.resolve(CrnFiles.MANIFEST_FILE));
        assertTrue(manifest.contains("\"stage\" : \"subtract\"") && manifest.contains("hand-made train"), manifest);
        // read as plain rails (its info lost), the subtract CRN does not compute the network: NetworkMatch says so
        Crn given = CrnCompiler.compile(network, subtract(1));
        Crn mislabelled = given.withInfo(CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT)).info());
        assertTrue(NetworkMatch.problem(network, given, train).isEmpty());
        assertTrue(NetworkMatch.problem(network, mislabelled, train).isPresent());
    }
}
