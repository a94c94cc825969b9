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
}
