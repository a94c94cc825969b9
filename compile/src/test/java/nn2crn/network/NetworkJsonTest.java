package nn2crn.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NetworkJsonTest {

    @TempDir
    Path dir;

    private static Network tiny() {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{1, -1}, {0, 1}}, new double[]{0.5, -0.25});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1, 1}, {-1, 0}}, new double[]{0, 0.125});
        return new Network("tiny", 2, List.of("a", "b"), List.of("yes", "no"),
                Map.of("standardize", "x", "mean", List.of(1.0, 2.0)),
                new InputRange(new double[]{-1.5, 0}, new double[]{2, 3.25}), List.of(hidden, out));
    }

    @Test
    void roundTripKeepsEverythingAndWritesIntegerWeights() throws Exception {
        Path file = dir.resolve("network.json");
        NetworkJson.write(tiny(), file);
        String text = Files.readString(file);
        assertTrue(text.contains("[ 1, -1 ]"), text);
        assertTrue(text.contains("\"format\" : \"nn2crn.network/1\""), text);
        Network back = NetworkJson.read(file);
        assertEquals("tiny", back.name());
        assertEquals(List.of("a", "b"), back.inputNames());
        assertEquals(List.of("yes", "no"), back.classes());
        assertEquals(List.of(1.0, 2.0), back.preprocessing().get("mean"));
        assertEquals(tiny().inputRange(), back.inputRange());
        assertArrayEquals(tiny().layers().get(0).weights(), back.layers().get(0).weights());
        assertArrayEquals(tiny().layers().get(1).bias(), back.layers().get(1).bias());
        assertEquals(text, NetworkJson.toJsonString(back));
    }

    @Test
    void forwardPassComputesReluAndLinearLayers() {
        // hidden: relu(1*2 - 1*3 + 0.5) = 0, relu(0*2 + 1*3 - 0.25) = 2.75; out: 2.75, 0.125
        assertArrayEquals(new double[]{2.75, 0.125}, ForwardPass.outputs(tiny(), new double[]{2, 3}), 1e-12);
        assertEquals(0, ForwardPass.predict(tiny(), new double[]{2, 3}));
    }

    @Test
    void smoothReluIsAccurateFarFromZero() {
        assertEquals(0.01 / 1000, Activation.smoothRelu(-1000, 0.01), 1e-12);
        assertEquals(1000 + 0.01 / 1000, Activation.smoothRelu(1000, 0.01), 1e-9);
        assertEquals(Math.sqrt(0.01), Activation.smoothRelu(0, 0.01), 1e-15);
    }

    @Test
    void readsTheAuthorsFixtureWithLinearActivation() {
        Path fixture = Fixtures.dir().resolve("heart.network.json");
        Network heart = NetworkJson.read(fixture);
        assertEquals(2, heart.inputs());
        assertEquals(List.of(8, 2), heart.layers().stream().map(Layer::units).toList());
        assertEquals(Activation.IDENTITY, heart.layers().get(1).activation());
        assertTrue(heart.layers().get(0).hasIntegerWeights());
    }

    private String error(String json) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        return assertThrows(NetworkFormatException.class, () -> NetworkJson.read(file)).getMessage();
    }

    @Test
    void malformedNetworksNameFileAndField() throws Exception {
        String ok = NetworkJson.toJsonString(tiny());
        assertTrue(error(ok.replace("nn2crn.network/1", "nn2crn.network/9")).contains("bad.json: format: is"));
        assertTrue(error(ok.replace("[ 0, 1 ]", "[ 0, 1, 2 ]")).contains("layers[0].weights[1]: must have 2 entries"));
        assertTrue(error(ok.replace("\"relu\"", "\"tanh\"")).contains("layers[0].activation: unknown activation 'tanh'"));
        assertTrue(error(ok.replace("0.125", "\"x\"")).contains("layers[1].bias[1]: must be a finite number"));
        assertTrue(error("{ \"format\": ").contains("not valid JSON (line 1"));
        assertTrue(error(ok.replace("\"relu\"", "\"smooth-relu\"")).contains("layers[0].eps: missing"));
        assertTrue(error(ok.replace("3.25", "-1.0")).contains("input_range.min[1]: is above input_range.max[1]"));
    }
}
