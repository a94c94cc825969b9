package nn2crn.train;

import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16: training within a wet-lab budget (fan-out cap, sparsity, pruning). */
class BudgetTest {

    @TempDir
    Path dir;

    @Test
    void theFanOutCapKeepsTheLargestMagnitudesPerSource() {
        double[][] latent = {{0.9, -0.2, 0.5, -0.7}, {0.1, 0.3, -0.05, 0.2}};
        double[][] w = new Quantizer(WeightMode.BINARY, 0, 0, 2).apply(latent);
        assertArrayEquals(new double[]{1, 0, 0, -1}, w[0]);
        assertArrayEquals(new double[]{0, 1, 0, 1}, w[1]);
        double[][] ternary = new Quantizer(WeightMode.TERNARY, 0.15, 0, 1).apply(latent);
        assertArrayEquals(new double[]{1, 0, 0, 0}, ternary[0]);
        assertArrayEquals(new double[]{0, 1, 0, 0}, ternary[1]);
    }

    @Test
    void sparsityZeroesTheSmallestShare() {
        double[][] latent = new double[10][10];
        java.util.Random random = new java.util.Random(3);
        for (double[] row : latent) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble() * 2 - 1;
            }
        }
        double[][] w = new Quantizer(WeightMode.BINARY, 0, 0.7, 0).apply(latent);
        long zeros = java.util.Arrays.stream(w).flatMapToDouble(java.util.Arrays::stream).filter(v -> v == 0).count();
        assertEquals(70, zeros);
        double[][] again = new Quantizer(WeightMode.TERNARY, 0.15, 0.7, 3).apply(latent);
        for (double[] row : again) {
            assertTrue(java.util.Arrays.stream(row).filter(v -> v != 0).count() <= 3);
        }
    }

    @Test
    void budgetKeysAreValidated() {
        String base = "name: x\ndataset: {name: iris}\nnetwork: {hidden: [8]%s}\ntraining: {epochs: 5, lr_start: 0.01}\n";
        TrainConfig c = ConfigLoader.parse(String.format(base, ", weights: ternary, max_fanout: 3, sparsity: 0.5, "
                + "prune: inactive"), "c.yaml");
        // the threshold as the float training compares with
        assertEquals(new Quantizer(WeightMode.TERNARY, 0.15f, 0.5, 3), c.quantizer());
        for (String bad : new String[]{", max_fanout: -1", ", sparsity: 1.0", ", weights: real, max_fanout: 2",
                ", prune: everything"}) {
            String m = assertThrows(ConfigException.class, () -> ConfigLoader.parse(String.format(base, bad), "c.yaml"))
                    .getMessage();
            assertTrue(m.startsWith("c.yaml:3:"), m);
        }
    }

    /** A trained Iris network with a fan-out cap exports weights within the cap; pruning is exact where it says so. */
    @Test
    void aCappedNetworkTrainsExportsAndPrunes() throws Exception {
        String text = Files.readString(Path.of("..", "configs", "ci-iris.yaml")).replace("name: ci-iris", "name: capped")
                .replace("  weights: binary", "  weights: ternary\n  max_fanout: 3\n  prune: exact");
        TrainConfig config = ConfigLoader.parse(text, "capped.yaml");
        Dataset dataset = Datasets.load("iris", null, null, 42);
        TrainingResult result = new Trainer(l -> { }).stopAfterEpochs(0).train(config, dataset, dir, false);
        Network network = NetworkJson.read(dir.resolve(Trainer.NETWORK_FILE));
        Layer first = network.layers().get(0);
        for (int i = 0; i < first.inputs(); i++) {
            int nonzero = 0;
            for (double[] row : first.weights()) {
                nonzero += row[i] != 0 ? 1 : 0;
            }
            assertTrue(nonzero <= 3, "input " + i + " feeds " + nonzero + " units");
        }
        assertTrue(result.accuracy().get("all") > 0.8, result.accuracy().toString());
        Map<?, ?> summary = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                dir.resolve(Trainer.SUMMARY_FILE).toFile(), Map.class);
        assertTrue(summary.containsKey("pruned_units"));
        // what the CRNs cost: the plain CRN's fan-out reactions make at most 3 weighted products (an
        // input's rail feeds at most 3 hidden units), the output layer's at most 3 classes + m
        Map<?, ?> costs = (Map<?, ?>) summary.get("crn_cost");
        Map<?, ?> plain = (Map<?, ?>) costs.get("rate-independent");
        Map<?, ?> reduced = (Map<?, ?>) costs.get("rate-independent reduced");
        assertEquals(network.layers().get(0).units(), ((Number) reduced.get("reactions")).intValue(),
                "the reduced CRN keeps one reaction per hidden unit");
        assertTrue(((Number) plain.get("max_fan_out")).intValue() <= 4, plain.toString());
        assertTrue(((Number) reduced.get("dna_strands")).intValue() < ((Number) plain.get("dna_strands")).intValue());
        assertTrue(((Number) plain.get("total_products")).intValue() > 0);
    }

    @Test
    void pruningRemovesDeadUnitsWithoutChangingTheFunction() {
        Layer hidden = new Layer(nn2crn.network.Activation.RELU, 0,
                new double[][]{{1, -1}, {0, 0}, {-1, 1}, {1, 1}}, new double[]{0.5, 0.75, 0, -10});
        Layer out = new Layer(nn2crn.network.Activation.IDENTITY, 0,
                new double[][]{{1, 2, 0, 1}, {-1, 1, 0, -1}}, new double[]{0, 0.25});
        Network network = new Network("n", 2, java.util.List.of("a", "b"), java.util.List.of("p", "q"), Map.of(), null,
                java.util.List.of(hidden, out));
        nn2crn.network.Pruning exact = nn2crn.network.Pruning.prune(network, null);
        // unit 1 has no incoming weights (constant relu(0.75) folded), unit 2 no outgoing weights
        assertEquals(2, exact.total());
        java.util.Random random = new java.util.Random(1);
        for (int k = 0; k < 50; k++) {
            double[] x = {random.nextGaussian() * 3, random.nextGaussian() * 3};
            assertArrayEquals(nn2crn.network.ForwardPass.outputs(network, x),
                    nn2crn.network.ForwardPass.outputs(exact.network(), x), 1e-12);
        }
        // unit 3 (bias -10) is never active on small inputs: removed only when asked
        nn2crn.network.Pruning inactive = nn2crn.network.Pruning.prune(network, new double[][]{{1, 1}, {-1, 2}, {0, 0}});
        assertEquals(3, inactive.total());
        assertEquals(1, inactive.network().layers().get(0).units());
    }
}
