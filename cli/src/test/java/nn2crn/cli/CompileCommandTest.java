package nn2crn.cli;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnFiles;
import nn2crn.network.Activation;
import nn2crn.network.InputRange;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nn2crn.compile.ReadoutOffset;
import nn2crn.crn.Completion;
import nn2crn.datasets.DataStore;
import nn2crn.datasets.Dataset;
import nn2crn.datasets.Datasets;
import nn2crn.network.ForwardPass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileCommandTest {

    @TempDir
    Path dir;

    private Path writeNetwork(double hiddenWeight) {
        Layer hidden = new Layer(Activation.RELU, 0, new double[][]{{1, -1}, {hiddenWeight, 0}}, new double[]{0.5, -0.25});
        Layer out = new Layer(Activation.IDENTITY, 0, new double[][]{{1, 1}, {-1, 1}}, new double[]{0, 0.125});
        Network network = new Network("tiny", 2, List.of("a", "b"), List.of("yes", "no"), Map.of(),
                new InputRange(new double[]{-1, 0}, new double[]{1, 2}), List.of(hidden, out));
        Path file = dir.resolve("network.json");
        NetworkJson.write(network, file);
        return file;
    }

    @Test
    void compilesBothSchemesIntoTheThreeFiles() throws Exception {
        Path network = writeNetwork(1);
        CliRunner ri = CliRunner.run("compile", "--network", network.toString(), "--reduce");
        assertEquals(0, ri.exitCode(), ri.err());
        assertTrue(ri.out().contains("rate-independent CRN of tiny: 8 species, 2 reactions (2 bimolecular)"), ri.out());
        Path riDir = dir.resolve("crn-rate-independent-reduced");
        Crn crn = CrnFiles.read(riDir);
        assertEquals(2, crn.reactions().size());
        assertTrue(Files.readString(riDir.resolve(CrnFiles.CRN_FILE)).contains("# command: nn2crn compile --network"));

        Path smoothDir = dir.resolve("smooth");
        CliRunner smooth = CliRunner.run("compile", "--network", network.toString(), "--scheme", "smooth-relu",
                "--concentration-unit", "nM", "--unit-value", "100", "--out", smoothDir.toString());
        assertEquals(0, smooth.exitCode(), smooth.err());
        assertTrue(smooth.out().startsWith("note: the smooth-relu CRN approximates this ReLU network"), smooth.out());
        for (String file : List.of(CrnFiles.CRN_FILE, CrnFiles.SBML_FILE, CrnFiles.MANIFEST_FILE)) {
            assertTrue(Files.size(smoothDir.resolve(file)) > 0, file);
        }
        assertTrue(Files.readString(smoothDir.resolve(CrnFiles.MANIFEST_FILE)).contains("\"initial_nM\""));
        assertFalse(Files.exists(Path.of("jsbml.log")));
    }

    @Test
    void badInputGivesOneLineAndNoOutput() {
        Path network = writeNetwork(0.5);
        Path out = dir.resolve("out");
        CliRunner real = CliRunner.run("compile", "--network", network.toString(), "--out", out.toString());
        assertEquals(1, real.exitCode());
        assertEquals(1, real.err().lines().count(), real.err());
        assertTrue(real.err().contains("layers[0].weights[1][0] is 0.5; the rate-independent scheme needs integer weights"),
                real.err());
        assertFalse(Files.exists(out));

        CliRunner scheme = CliRunner.run("compile", "--network", network.toString(), "--scheme", "tanh");
        assertEquals(2, scheme.exitCode());
        assertTrue(scheme.err().startsWith("nn2crn: error: --scheme: unknown scheme 'tanh'"), scheme.err());
        assertEquals(2, scheme.err().lines().count(), scheme.err());

        CliRunner missing = CliRunner.run("compile", "--network", dir.resolve("none.json").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.json: no such file"), missing.err());
    }

    /** --readout subtract with the offset given: one annihilation per class, single-rail outputs, c in the manifest. */
    @Test
    void subtractReadoutWithAGivenOffset() throws Exception {
        Path network = writeNetwork(1);
        CliRunner r = CliRunner.run("compile", "--network", network.toString(), "--reduce", "--readout", "subtract",
                "--readout-offset", "1.5");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("rate-independent CRN of tiny: 8 species, 4 reactions (4 bimolecular)"), r.out());
        Path folder = dir.resolve("crn-rate-independent-reduced-subtract");
        Crn crn = CrnFiles.read(folder);
        assertEquals(2, crn.reactions().stream().filter(x -> x.products().isEmpty()).count());
        crn.outputs().forEach(o -> assertEquals(null, o.negative()));
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve(CrnFiles.MANIFEST_FILE).toFile());
        assertEquals("subtract", manifest.path("readout").path("stage").asText());
        assertEquals(1.5, manifest.path("readout").path("offset").asDouble());
        assertEquals("given", manifest.path("readout").path("offset_chosen").path("rule").asText());
        assertEquals("subtract", manifest.path("info").path("readout").asText());
        // check agrees the final state is still rate-independent
        CliRunner check = CliRunner.run("check", folder.toString());
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains("non-competitive, feed-forward"), check.out());
    }

    /** Without --readout-offset, c comes from the train split of the dataset the network names (Iris: 120 of 150). */
    @Test
    void subtractReadoutChoosesTheOffsetOnTheTrainSplit() throws Exception {
        Path network = HandIrisNetwork.write(dir);
        CliRunner r = CliRunner.run("compile", "--network", network.toString(), "--readout", "subtract");
        assertEquals(0, r.exitCode(), r.err());
        Crn crn = CrnFiles.read(dir.resolve("crn-rate-independent-subtract"));
        Network net = NetworkJson.read(network);
        Dataset iris = Datasets.forNetwork(net.preprocessing(), null, null, DataStore.open(null));
        ReadoutOffset expected = ReadoutOffset.choose(net, iris.split("train").features(), 0.995);
        assertEquals(expected.value(), ((Number) crn.info().get("readout_offset")).doubleValue());
        Map<?, ?> chosen = (Map<?, ?>) crn.info().get("readout_offset_chosen");
        assertEquals("iris train", chosen.get("inputs"));
        assertEquals(iris.split("train").size(), ((Number) chosen.get("examples")).intValue());
        assertTrue(r.out().contains("read-out offset c = " + nn2crn.crn.CrnText.number(expected.value())
                + ", chosen on iris train (120 examples)"), r.out());
        // the read-out's argmax is the network's on every example of all 150 whose top output + c > 0
        for (double[] x : iris.split("all").features()) {
            double[] y = ForwardPass.outputs(net, x);
            double[] got = crn.outputValues(Completion.stableState(crn, crn.initialState(x)));
            double top = java.util.Arrays.stream(y).max().orElseThrow();
            long ties = java.util.Arrays.stream(y).filter(v -> v == top).count();
            if (top + expected.value() > 0 && ties == 1) {
                assertEquals(ForwardPass.argmax(y), ForwardPass.argmax(got));
            }
        }
    }

    @Test
    void subtractReadoutUsageErrors() {
        String network = writeNetwork(1).toString();
        // the tiny network names no dataset: the offset must be given
        CliRunner.refused(2, "--readout subtract needs --readout-offset C: the network does not name a dataset",
                "compile", "--network", network, "--readout", "subtract");
        CliRunner.refused(2, "--readout: unknown read-out 'argmax' (known: rails, subtract, wta)",
                "compile", "--network", network, "--readout", "argmax");
        CliRunner.refused(2, "--readout wta needs --readout-offset C: the network does not name a dataset",
                "compile", "--network", network, "--readout", "wta");
        CliRunner.refused(2, "--wta-level is the restored level of --readout wta",
                "compile", "--network", network, "--readout", "subtract", "--readout-offset", "1", "--wta-level", "2");
        CliRunner.refused(2, "--wta-level must be a positive",
                "compile", "--network", network, "--readout", "wta", "--readout-offset", "1", "--wta-level", "0");
        CliRunner.refused(2, "--readout-offset is the offset of --readout subtract or wta",
                "compile", "--network", network, "--readout-offset", "1");
        CliRunner.refused(2, "--readout-offset must be a finite number >= 0, is -1",
                "compile", "--network", network, "--readout", "subtract", "--readout-offset", "-1");
        CliRunner.refused(2, "--readout subtract needs --scheme rate-independent",
                "compile", "--network", network, "--readout", "subtract", "--scheme", "smooth-relu");
        assertFalse(Files.exists(dir.resolve("crn-rate-independent-subtract")));
    }
}
