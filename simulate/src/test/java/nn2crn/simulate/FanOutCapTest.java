package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnStructure;
import nn2crn.crn.Reaction;
import nn2crn.crn.Term;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: capping the fan-out keeps a rate-independent CRN rate-independent with the same final state. */
class FanOutCapTest {

    @TempDir
    Path dir;

    @Test
    void chainingLeavesTheFinalStateUnchangedUnderRandomRates() {
        Network network = TestNetworks.random(new Random(11), new int[]{4, 9, 3}, new double[]{-2, -1, 0, 1, 2});
        Random random = new Random(12);
        List<double[]> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inputs.add(TestNetworks.randomInput(random, network.inputs()));
        }
        for (boolean reduce : new boolean[]{false, true}) {
            CompileOptions options = CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(reduce);
            Crn plain = CrnCompiler.compile(network, options);
            Crn capped = CrnCompiler.compile(network, options.withMaxFanOut(3));
            assertTrue(capped.reactions().size() > plain.reactions().size(), "some reactions were split");
            for (Reaction r : capped.reactions()) {
                assertTrue(r.products().stream().mapToInt(Term::count).sum() <= 3, r.toString());
            }
            assertTrue(CrnStructure.of(capped).rateIndependent(), "still non-competitive and feed-forward");
            List<Evaluation.Example> examples = new ArrayList<>();
            for (double[] x : inputs) {
                // the final state, fired to completion, equals the uncapped CRN's and the network's outputs
                double[] exact = capped.outputValues(Completion.stableState(capped, capped.initialState(x)));
                assertArrayEquals(plain.outputValues(Completion.stableState(plain, plain.initialState(x))), exact, 1e-9);
                assertArrayEquals(ForwardPass.outputs(network, x), exact, 1e-9);
                examples.add(new Evaluation.Example(examples.size(), capped.initialState(x), -1,
                        ForwardPass.predict(network, x), ForwardPass.outputs(network, x)));
            }
            for (int draw = 1; draw <= 3; draw++) {
                Evaluation.Settings settings = new Evaluation.Settings(4000, 2, SolverSettings.DEFAULT,
                        new RateSpec("random:0.1:10:" + draw), Set.of());
                List<ResultRow> rows = Evaluation.run(capped, examples, settings, dir.resolve(reduce + "-" + draw), false,
                        (d, t, s) -> { }).rows();
                for (int i = 0; i < examples.size(); i++) {
                    assertEquals(examples.get(i).expectedArgmax(), rows.get(i).crnArgmax());
                    assertArrayEquals(examples.get(i).expected(), rows.get(i).crnOutputs(), 2e-3);
                }
            }
        }
    }
}
