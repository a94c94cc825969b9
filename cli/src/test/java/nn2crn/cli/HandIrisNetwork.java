package nn2crn.cli;

import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A hand-made 4-3-3 binary network on standardized Iris (63% accurate), for command tests. */
final class HandIrisNetwork {

    private HandIrisNetwork() {
    }

    /** Writes it as {@code dir/network.json} and returns that path. */
    static Path write(Path dir) {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{-1, 1, -1, -1}, {1, -1, 1, 1}, {-1, -1, 1, 1}},
                new double[]{0.5, 0, -1});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}},
                new double[]{0, 0.5, 0});
        Network network = new Network("iris-hand", 4, List.of("sl", "sw", "pl", "pw"),
                List.of("setosa", "versicolor", "virginica"), Map.of("dataset", "iris", "variant", "standardized"),
                new InputRange(new double[]{-2.5, -2.5, -2.5, -2.5}, new double[]{3.5, 3.5, 3.5, 3.5}),
                List.of(hidden, out));
        Path file = dir.resolve("network.json");
        NetworkJson.write(network, file);
        return file;
    }
}
