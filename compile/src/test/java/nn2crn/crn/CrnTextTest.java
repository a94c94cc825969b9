package nn2crn.crn;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.network.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrnTextTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameCrn() {
        Random random = new Random(5);
        for (Scheme scheme : Scheme.values()) {
            for (boolean reduce : new boolean[]{false, true}) {
                if (reduce && scheme == Scheme.SMOOTH_RELU) {
                    continue;
                }
                Crn crn = CrnCompiler.compile(TestNetworks.random(random, new int[]{3, 4, 2}, new double[]{-1, 0, 1, 2}),
                        CompileOptions.of(scheme).withReduce(reduce));
                Crn back = CrnText.parse(CrnText.format(crn, List.of("test")), "t.crn", "t");
                assertEquals(crn.reactions(), back.reactions().stream().map(r -> new Reaction(r.reactants(), r.products(),
                        r.rate(), crn.reactions().get(back.reactions().indexOf(r)).layer())).toList());
                // species in no reaction are not declared (crnsimulator refuses them); the manifest keeps them
                List<Species> inert = CrnText.inert(crn);
                assertEquals(crn.species().size() - inert.size(), back.species().size());
                for (Species s : crn.species()) {
                    if (!inert.contains(s)) {
                        assertEquals(s.initial(), back.species(s.name()).initial(), 0, s.name());
                    }
                }
            }
        }
    }

    @Test
    void compileFolderReadsBackWithItsManifest() {
        Crn crn = CrnCompiler.compile(TestNetworks.tiny(), CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true));
        CrnFiles.write(crn, List.of(), null, dir);
        Crn back = CrnFiles.read(dir);
        assertEquals(crn.species(), back.species());
        assertEquals(crn.inputs(), back.inputs());
        assertEquals(crn.outputs(), back.outputs());
        assertEquals(crn.info(), back.info());
        double[] x = {0.7, -1.2};
        assertArrayEquals(crn.initialState(x), back.initialState(x), 0);
    }

    @Test
    void numbersAreWrittenAsNuskellReadsThem() {
        assertEquals("0.5", CrnText.number(0.5));
        assertEquals("2", CrnText.number(2.0));
        assertEquals("0.0001", CrnText.number(1e-4));
        assertEquals("0.000000000123", CrnText.number(1.23e-10));
        assertEquals("1234567.25", CrnText.number(1234567.25));
        assertTrue(CrnText.isNuskellSafe("x0_pos"));
        assertFalse(CrnText.isNuskellSafe("iL0N0Spos"));
        assertFalse(CrnText.isNuskellSafe("w1"));
        assertFalse(CrnText.isNuskellSafe("_a"));
    }

    @Test
    void readsTheFullGrammar() {
        String text = """
                # a comment
                A @initial 1.25; B @initial 2e-1   # trailing comment

                A + B -> 2 C [k = 0.5]
                C <=> D [kf = 3, kr = .25]
                -> A [k = 1E-3]
                0 -> B
                D ->
                2A + C -> A
                """;
        Crn crn = CrnText.parse(text, "g.crn", "g");
        assertEquals(List.of("A", "B", "C", "D"), crn.species().stream().map(Species::name).toList());
        assertEquals(1.25, crn.species("A").initial());
        assertEquals(0.2, crn.species("B").initial());
        assertEquals(7, crn.reactions().size());
        assertEquals(new Reaction(List.of(new Term("A", 1), new Term("B", 1)), List.of(new Term("C", 2)), 0.5, -1),
                crn.reactions().get(0));
        assertEquals(3, crn.reactions().get(1).rate());
        assertEquals(new Reaction(List.of(new Term("D", 1)), List.of(new Term("C", 1)), 0.25, -1), crn.reactions().get(2));
        assertEquals(0, crn.reactions().get(3).order());
        assertEquals(0.001, crn.reactions().get(3).rate());
        assertEquals(List.of(), crn.reactions().get(4).reactants());
        assertEquals(List.of(), crn.reactions().get(5).products());
        assertEquals(new Term("A", 2), crn.reactions().get(6).reactants().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "A -> B\\nA + -> C | t.crn:2:5: expected a species name, found '-'",
            "A -> B [k = -1] | t.crn:1:13: rate constant k is negative",
            "A => B | t.crn:1:3: expected '->', '<=>' or '+', found '='",
            "A -> B [kf = 2] | t.crn:1:16: rate 'kf' does not apply to an irreversible reaction (use k)",
            "A @initial x | t.crn:1:12: expected an initial concentration",
            "A @constant 1 | t.crn:1:4: unknown '@constant' (only @initial is supported)",
            "A -> B C | t.crn:1:8: unexpected 'C'",
            "A @initial -2 | t.crn:1:12: initial concentration of A is negative",
            "0 A -> B | t.crn:1:1: stoichiometry must be positive"})
    void malformedFilesGiveLineAndColumn(String text, String message) {
        assertEquals(message, assertThrows(CrnException.class, () -> CrnText.parse(text.replace("\\n", "\n"), "t.crn", "t"),
                text).getMessage());
    }

    @Test
    void readsTheAuthorsCrns() {
        Path fixtures = Fixtures.dir();
        Crn heart = CrnText.read(fixtures.resolve("heart.crn"));
        // 48 species minus the never-produced positive pre-activation rail of the unit with no inputs
        // that does still react, so all 48 appear
        assertEquals(48, heart.species().size());
        assertEquals(36, heart.reactions().size());
        assertEquals(2.2061376334, heart.species("iL0N0Sneg").initial());
        assertEquals(164, CrnText.read(fixtures.resolve("heart-layers_5b.crn")).reactions().size());
        assertEquals(22, CrnText.read(fixtures.resolve("heart-pruned-shifted.crn")).reactions().size());
        assertTrue(assertThrows(CrnException.class, () -> CrnText.read(fixtures.resolve("missing.crn")))
                .getMessage().endsWith("missing.crn: no such file"));
    }
}
