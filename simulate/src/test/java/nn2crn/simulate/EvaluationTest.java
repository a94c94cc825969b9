package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {

    @TempDir
    Path dir;

    static List<Evaluation.Example> examples(Network network, Crn crn, int count, long seed) {
        Random random = new Random(seed);
        List<Evaluation.Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] x = TestNetworks.randomInput(random, network.inputs());
            examples.add(new Evaluation.Example(i, crn.initialState(x), -1, ForwardPass.predict(network, x),
                    ForwardPass.outputs(network, x)));
        }
        return examples;
    }

    private static Evaluation.Settings settings(double tMax, String rates) {
        return settings(tMax, rates, SolverSettings.DEFAULT.method());
    }

    private static Evaluation.Settings settings(double tMax, String rates, SolverSettings.Method method) {
        SolverSettings d = SolverSettings.DEFAULT;
        return new Evaluation.Settings(tMax, 2, new SolverSettings(method, d.rtol(), d.atol(), 0, d.maxSteps()),
                new RateSpec(rates), Set.of(0));
    }

    /** Rate independence, with every integrator: random rates change the convergence time, not the final outputs. */
    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void randomRatesLeaveTheFinalOutputsUnchanged(SolverSettings.Method method) {
        Network network = TestNetworks.random(new Random(4), new int[]{3, 4, 2}, new double[]{-1, 0, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = examples(network, crn, 8, 5);
        List<ResultRow> uniform = Evaluation.run(crn, examples, settings(2000, "uniform", method), dir.resolve("u"), false,
                (d, t, s) -> { }).rows();
        for (int draw = 1; draw <= 3; draw++) {
            List<ResultRow> random = Evaluation.run(crn, examples, settings(2000, "random:0.1:10:" + draw, method),
                    dir.resolve("r" + draw), false, (d, t, s) -> { }).rows();
            for (int i = 0; i < examples.size(); i++) {
                assertEquals(uniform.get(i).crnArgmax(), random.get(i).crnArgmax());
                assertArrayEquals(uniform.get(i).crnOutputs(), random.get(i).crnOutputs(), 2e-3);
                assertArrayEquals(examples.get(i).expected(), random.get(i).crnOutputs(), 2e-3);
            }
        }
    }

    @Test
    void resumeSimulatesOnlyTheMissingExamples() throws Exception {
        Network network = TestNetworks.random(new Random(6), new int[]{2, 3, 2}, new double[]{-1, 1});
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        List<Evaluation.Example> examples = examples(network, crn, 10, 7);
        Evaluation.Outcome full = Evaluation.run(crn, examples, settings(50, "uniform"), dir, false, (d, t, s) -> { });
        assertEquals(10, full.simulated());
        assertTrue(full.trajectories().containsKey(0));
        Path results = dir.resolve(Evaluation.RESULTS_FILE);
        List<String> lines = Files.readAllLines(results);
        assertEquals(11, lines.size());
        // as if interrupted after 4 examples
        Files.write(results, lines.subList(0, 5));
        Evaluation.Outcome resumed = Evaluation.run(crn, examples, settings(50, "uniform"), dir, true, (d, t, s) -> { });
        assertEquals(6, resumed.simulated());
        assertEquals(10, resumed.rows().size());
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(full.rows().get(i).crnOutputs(), resumed.rows().get(i).crnOutputs(), 1e-12);
        }
        assertEquals(11, Files.readAllLines(results).size());
        Map<String, Object> summary = Evaluation.summarize(resumed.rows(), settings(50, "uniform"), 1, 6);
        assertEquals(10, summary.get("examples"));
        assertEquals(1.0, summary.get("agreement"));
    }

    @Test
    void badInputTablesAndRatesAreNamed() throws Exception {
        Crn crn = CrnText.parse("A + B -> C", "t", "t");
        Path csv = dir.resolve("inputs.csv");
        Files.writeString(csv, "label,A,B,D\n1,1,2,0\n0,1,x,0\n");
        assertTrue(assertThrows(CrnException.class, () -> Examples.fromTable(csv, crn)).getMessage()
                .endsWith("inputs.csv:3: column 'B': 'x' is not a concentration >= 0"));
        Files.writeString(csv, "A,D\n1,0.5\n");
        assertTrue(assertThrows(CrnException.class, () -> Examples.fromTable(csv, crn)).getMessage()
                .endsWith("inputs.csv:2: column 'D' is not a species of CRN 't' (nor 'label')"));
        Files.writeString(csv, "A,B,D\n1,2,0\n");
        Evaluation.Example example = Examples.fromTable(csv, crn).get(0);
        assertArrayEquals(new double[]{1, 2, 0}, example.start());

        assertTrue(assertThrows(CrnException.class, () -> Examples.parseOutput("y=A-")).getMessage()
                .contains("expected NAME=SPECIES or NAME=SPECIES-SPECIES"));
        assertTrue(assertThrows(CrnException.class, () -> new RateSpec("random:1:0.1:3").rates(crn)).getMessage()
                .contains("0 < LOW <= HIGH"));
        Path rates = dir.resolve("rates.txt");
        Files.writeString(rates, "# one per reaction\n2\n3\n");
        assertTrue(assertThrows(CrnException.class, () -> new RateSpec(rates.toString()).rates(crn)).getMessage()
                .contains("has 2 rate constants, the CRN has 1 reactions"));
        Files.writeString(rates, "0.5\n");
        assertArrayEquals(new double[]{0.5}, new RateSpec(rates.toString()).rates(crn));
    }
}
