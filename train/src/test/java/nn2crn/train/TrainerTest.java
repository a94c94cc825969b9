package nn2crn.train;

import nn2crn.datasets.Dataset;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {

    private static final Path CI_IRIS = Path.of("..", "configs", "ci-iris.yaml");
    private static final Path CI_SMOOTH = Path.of("..", "configs", "ci-iris-smooth.yaml");

    private static Dataset data(TrainConfig c) {
        return c.loadDataset(null);
    }

    @Test
    void ciConfigTrainsIrisAboveNinetyPercentAndWritesEveryOutput(@TempDir Path dir) throws Exception {
        TrainConfig config = ConfigLoader.load(CI_IRIS);
        List<String> lines = new ArrayList<>();
        TrainingResult result = new Trainer(lines::add).train(config, data(config), dir, false);
        assertTrue(result.accuracy().get("all") > 0.90, "accuracy " + result.accuracy());
        assertEquals(80, lines.stream().filter(l -> l.startsWith("epoch")).count());
        for (String f : List.of("network.json", "summary.json", "metrics.csv", "training.png", "checkpoint.zip")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        Network network = NetworkJson.read(dir.resolve("network.json"));
        for (var layer : network.layers()) {
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    assertTrue(w == 1 || w == -1, "binary weight " + w);
                }
            }
        }
        assertEquals(result.accuracy().get("all"), ForwardPass.accuracy(network, data(config).split("all")));
        assertEquals(81, Files.readAllLines(dir.resolve("metrics.csv")).size());
    }

    @Test
    void sameConfigAndSeedGiveTheSameNetworkAndResumeContinuesExactly(@TempDir Path dir) throws Exception {
        TrainConfig config = ConfigLoader.load(CI_SMOOTH);
        Dataset dataset = data(config);
        new Trainer(l -> { }).train(config, dataset, dir.resolve("a"), false);
        new Trainer(l -> { }).train(config, dataset, dir.resolve("b"), false);
        String a = Files.readString(dir.resolve("a/network.json"));
        assertEquals(a, Files.readString(dir.resolve("b/network.json")), "deterministic");

        Path resumed = dir.resolve("c");
        assertNull(new Trainer(l -> { }).stopAfterEpochs(7).train(config, dataset, resumed, false));
        assertFalse(Files.exists(resumed.resolve("network.json")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Trainer(l -> { }).train(config, dataset, resumed, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        List<String> lines = new ArrayList<>();
        new Trainer(lines::add).train(config, dataset, resumed, true);
        assertTrue(lines.get(0).contains("resuming ci-iris-smooth after epoch 7"), lines.get(0));
        assertEquals(a, Files.readString(resumed.resolve("network.json")), "resumed run ends where a full run does");
        assertTrue(Trainer.isFinished(resumed, config));

        // a kill during a checkpoint write leaves the previous checkpoint (and maybe a temporary
        // file): the checkpoint is one file renamed into place, so the model, the state and the best
        // network always belong to the same epoch, and resuming from any of them ends the same way
        Path killed = dir.resolve("d");
        new Trainer(l -> { }).stopAfterEpochs(3).train(config, dataset, killed, false);
        Path epoch3 = dir.resolve("epoch-3.zip");
        Files.copy(killed.resolve(Trainer.CHECKPOINT_FILE), epoch3);
        new Trainer(l -> { }).stopAfterEpochs(2).train(config, dataset, killed, true);
        assertEquals(5, Checkpoint.state(killed.resolve(Trainer.CHECKPOINT_FILE)).epochsDone());
        Files.copy(epoch3, killed.resolve(Trainer.CHECKPOINT_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(killed.resolve(".checkpoint.zip12345.part"), "half-written");
        List<String> again = new ArrayList<>();
        new Trainer(again::add).train(config, dataset, killed, true);
        assertTrue(again.get(0).contains("after epoch 3"), again.get(0));
        assertEquals(a, Files.readString(killed.resolve("network.json")), "resumed from an older checkpoint");
    }

    @Test
    void plainJavaForwardPassEqualsDl4jOutput(@TempDir Path dir) throws Exception {
        String glorotText = Files.readString(CI_IRIS).replace("name: ci-iris", "name: ci-iris-glorot")
                .replace("  weights: binary", "  weights: binary\n  weight_scale: glorot");
        List<TrainConfig> configs = List.of(ConfigLoader.load(CI_IRIS), ConfigLoader.load(CI_SMOOTH),
                ConfigLoader.parse(glorotText, "glorot.yaml"));
        for (TrainConfig config : configs) {
            // with weight_scale glorot the export divides the outputs by the product of the scales
            double outputScale = config.glorotScale() ? Math.sqrt(1.5 / (4 + 8)) * Math.sqrt(1.5 / (8 + 3)) : 1;
            Dataset dataset = data(config);
            Path run = dir.resolve(config.name());
            new Trainer(l -> { }).stopAfterEpochs(3).train(config, dataset, run, false);
            MultiLayerNetwork net = Checkpoint.read(run.resolve(Trainer.CHECKPOINT_FILE)).model();
            Network exported = NetworkExport.export(net, config, dataset);
            double[][] x = dataset.split("all").features();
            INDArray dl4j = net.output(Trainer.matrix(x), false);
            for (int n = 0; n < x.length; n++) {
                double[] scaled = ForwardPass.outputs(exported, x[n]);
                for (int j = 0; j < scaled.length; j++) {
                    scaled[j] *= outputScale;
                }
                assertArrayEquals(dl4j.getRow(n).toDoubleVector(), scaled, 1e-5, config.name() + " example " + n);
            }
        }
    }
}
