package nn2crn.crn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.network.Activation;
import nn2crn.network.Layer;
import nn2crn.network.Network;
import nn2crn.network.NetworkFormatException;
import nn2crn.network.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: inputs that used to give internal errors or silently wrong CRNs, and exports outside tools take. */
class HardeningTest {

    @TempDir
    Path dir;

    private static String crnError(String text) {
        String m = assertThrows(CrnException.class, () -> CrnText.parse(text, "t.crn", "t")).getMessage();
        assertEquals(1, m.lines().count(), m);
        assertTrue(m.matches("t\\.crn:\\d+:\\d+: .*"), m);
        return m;
    }

    @Test
    void crnTextRefusesWhatItUsedToMisread() {
        assertTrue(crnError("A @initial 1\nB -> A\nA @initial 2\n")
                .startsWith("t.crn:3:1: a second @initial for 'A' (the first is on line 1)"));
        assertTrue(crnError("A -> 99999999999 B\n").startsWith("t.crn:1:6: stoichiometry '99999999999' is too large"));
        assertTrue(crnError("A -> 200000000 B\n").contains("too large"));
        // a 5 MB line is quoted as a short excerpt
        String huge = crnError("A -> B " + "x".repeat(5_000_000) + "\n");
        assertTrue(huge.length() < 120, huge.length() + " characters");
        assertTrue(crnError("A -> B [k = " + "9".repeat(400) + "]\n").length() < 200);
        String control = crnError("A -> B\u0000C\n");
        assertTrue(control.contains("'?C'") && !control.contains("\u0000"), "control characters are not echoed");
    }

    @Test
    void outputsHaveDistinctNames() {
        Crn crn = CrnText.parse("A -> B\n", "t.crn", "t");
        CrnException e = assertThrows(CrnException.class, () -> new Crn("t", crn.species(), crn.reactions(), List.of(),
                List.of(new CrnOutput("y", "A", null), new CrnOutput("y", "B", null)), Map.of()));
        assertTrue(e.getMessage().contains("output 'y' is given twice"), e.getMessage());
    }

    @Test
    void deeplyNestedJsonIsAUserError() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        String m = assertThrows(NetworkFormatException.class, () -> NetworkJson.parse(deep, "n.json")).getMessage();
        assertTrue(m.startsWith("n.json: not valid JSON"), m);
        assertTrue(m.length() < 300, m);
        assertTrue(assertThrows(NetworkFormatException.class, () -> NetworkJson.parse("", "n.json")).getMessage()
                .contains("empty"));
    }

    @Test
    void nonFiniteInputBoundsAreRefused() {
        for (double bad : new double[]{Double.NaN, Double.NEGATIVE_INFINITY}) {
            CrnException e = assertThrows(CrnException.class, () -> CrnCompiler.compile(TestNetworks.tiny(),
                    CompileOptions.of(Scheme.RATE_INDEPENDENT).withShiftInputs(true).withInputMin(bad)));
            assertTrue(e.getMessage().startsWith("--input-min: "), e.getMessage());
        }
    }

    /** A network whose first input has only zero weights: its rails take part in no reaction. */
    private static Network withDeadInput() {
        return new Network("dead", 2, List.of("alive", "dead"), List.of("a", "b"), Map.of("dataset", "none",
                "mean", List.of(1.5, -2.0), "std", List.of(0.5, 4.0)), null,
                List.of(new Layer(Activation.IDENTITY, 0, new double[][]{{1, 0}, {-1, 0}}, new double[]{0, 0.5})));
    }

    @Test
    void speciesInNoReactionAreNotDeclaredButReadBackFromTheManifest() throws Exception {
        Network network = withDeadInput();
        Crn crn = CrnCompiler.compile(network, CompileOptions.of(Scheme.RATE_INDEPENDENT));
        CrnFiles.write(crn, List.of("dead input"), null, network.preprocessing(), dir);
        String text = Files.readString(dir.resolve(CrnFiles.CRN_FILE));
        // crnsimulator stops with "Confusion about which species appear in the reaction network!" otherwise
        assertFalse(text.lines().anyMatch(l -> l.startsWith("x1_pos") || l.startsWith("x1_neg")), text);
        assertTrue(text.contains("# in no reaction, so not declared here (manifest.json lists them): x1_pos, x1_neg"), text);
        Crn back = CrnFiles.read(dir);
        assertEquals(crn.species(), back.species());
        assertEquals(crn.inputs(), back.inputs());

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve(CrnFiles.MANIFEST_FILE).toFile());
        assertEquals(List.of("x1_pos", "x1_neg"), List.of(manifest.at("/species_in_no_reaction/0").asText(),
                manifest.at("/species_in_no_reaction/1").asText()));
        JsonNode feature = manifest.at("/preprocessing/features/1");
        assertEquals("dead", feature.get("name").asText());
        assertEquals(-2.0, feature.get("mean").asDouble());
        assertEquals(4.0, feature.get("std").asDouble());
        assertEquals("uM", feature.get("unit").asText());
        assertEquals(1.0, manifest.at("/rate_constants/all").asDouble());
        assertTrue(manifest.at("/readout/rate_independent_final_state").asBoolean());
        assertTrue(manifest.at("/readout/suggested_time").isNull());

        CrnManifest.recordReadoutTime(dir.resolve(CrnFiles.MANIFEST_FILE), 12.5, Map.of("argmax_time_max", 12.5));
        JsonNode updated = new ObjectMapper().readTree(dir.resolve(CrnFiles.MANIFEST_FILE).toFile());
        assertEquals(12.5, updated.at("/readout/suggested_time").asDouble());
        assertEquals(crn.species(), CrnFiles.read(dir).species(), "the manifest still reads");
    }

    @Test
    void structureTellsWhetherTheFinalStateIsRateIndependent() {
        CrnStructure ri = CrnStructure.of(CrnCompiler.compile(TestNetworks.tiny(), CompileOptions.of(Scheme.RATE_INDEPENDENT)));
        assertTrue(ri.rateIndependent());
        CrnStructure competitive = CrnStructure.of(CrnText.parse("A -> B\nA + C -> D\n", "t", "t"));
        assertFalse(competitive.nonCompetitive());
        assertEquals("A", competitive.competingSpecies());
        assertEquals(List.of(0, 1), competitive.competingReactions());
        assertTrue(competitive.feedForward());
        CrnStructure cycle = CrnStructure.of(CrnText.parse("A -> B\nB -> A\n", "t", "t"));
        assertFalse(cycle.feedForward());
        assertEquals(2, cycle.reactionsOnCycles());
        CrnStructure smooth = CrnStructure.of(CrnCompiler.compile(TestNetworks.tiny(),
                CompileOptions.of(Scheme.SMOOTH_RELU).withEps(0.01)));
        assertFalse(smooth.rateIndependent());
        assertTrue(smooth.describe().contains("may depend on the rate constants"), smooth.describe());
    }
}
