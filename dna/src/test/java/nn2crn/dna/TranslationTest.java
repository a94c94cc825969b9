package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranslationTest {

    @TempDir
    Path dir;

    static final Crn THREE = TestDesigns.THREE;

    /**
     * The PIL and strands of a 3-reaction CRN against files checked by hand. To regenerate after an
     * intended change: {@code mvn test -pl dna -Dtest=TranslationTest -Dnn2crn.updateGolden=true}.
     */
    /** Issue 27: the SBML file is left out on request (and above a size), said in the manifest, and no stale one stays. */
    @Test
    void sbmlIsWrittenOnlyWhereAsked() throws Exception {
        DnaSystem system = DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
        Path out = dir.resolve("sbml");
        DnaFiles.write(system, List.of("t"), null, null, null, DnaFiles.Sbml.AUTO, out);
        assertTrue(Files.exists(out.resolve("network.sbml")), "a small design gets its SBML file");
        DnaFiles.write(system, List.of("t"), null, null, null, DnaFiles.Sbml.NO, out);
        assertTrue(!Files.exists(out.resolve("network.sbml")), "the earlier design's SBML file is removed");
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"sbml\" : \"not written (--sbml no)\""));
        assertTrue(DnaFiles.Sbml.AUTO.writes(DnaFiles.Sbml.AUTO_MAX_SPECIES));
        assertTrue(!DnaFiles.Sbml.AUTO.writes(DnaFiles.Sbml.AUTO_MAX_SPECIES + 1));
        assertTrue(DnaFiles.Sbml.YES.writes(DnaFiles.Sbml.AUTO_MAX_SPECIES + 1));
        assertTrue(!DnaFiles.Sbml.NO.writes(1));
    }

    @Test
    void pilAndStrandsMatchTheGoldenFiles() throws Exception {
        DnaSystem system = DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
        DnaFiles.write(system, List.of("three-reaction test CRN"), null, dir);
        for (String file : List.of(DnaFiles.PIL_FILE, DnaFiles.STRANDS_FILE, DnaFiles.DSD_FILE)) {
            Path golden = Path.of("src/test/resources/golden").resolve(file);
            String actual = Files.readString(dir.resolve(file));
            if (Boolean.getBoolean("nn2crn.updateGolden")) {
                Files.writeString(golden, actual);
            }
            assertEquals(Files.readString(golden), actual, file);
        }
    }

    @Test
    void layoutFollowsTheScheme() {
        DnaSystem system = DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
        // x and z are never produced: one signal each, with their own history domain; m and h once,
        // y three times (2 y in reaction 2, y in reaction 3)
        assertEquals(List.of("x"), system.carriers().get("x"));
        assertEquals(List.of("z"), system.carriers().get("z"));
        assertEquals(List.of("y_1_", "y_2_", "y_3_"), system.carriers().get("y"));
        // a formal amount sits on the first signal, in nM
        assertEquals(10.0, system.signals().stream().filter(s -> s.name().equals("x")).findFirst().orElseThrow()
                .initialNm());
        DnaComplex gate = system.fuels().stream().filter(f -> f.name().equals("f1_gate")).findFirst().orElseThrow();
        assertEquals("x_b( x_c( r1_d1 m_a r1_d2 h_a + ) ) x_a*", gate.kernelText());
        DnaComplex bimolecular = system.fuels().stream().filter(f -> f.name().equals("f2_gate")).findFirst().orElseThrow();
        assertEquals("m_b( m_c( z_a( + z_b( z_c( r2_d1 y_a r2_d2 y_a + ) ) ) ) ) m_a*", bimolecular.kernelText());
        DnaComplex translator = system.fuels().stream().filter(f -> f.name().equals("f1_translator")).findFirst()
                .orElseThrow();
        assertEquals("r1_d1( m_a( m_b m_c + r1_d2( h_a( h_b h_c + ) ) ) ) x_c*", translator.kernelText());
        assertEquals(List.of(List.of("r1_d1", "m_a", "m_b", "m_c"), List.of("r1_d2", "h_a", "h_b", "h_c"),
                List.of("h_a*", "r1_d2*", "m_a*", "r1_d1*", "x_c*")), translator.strands());
        // 3 gates + 3 translators + 1 helper
        assertEquals(7, system.fuels().size());
        RateModel rates = DnaOptions.DEFAULT.rates();
        assertEquals(6.50504e-4, rates.displacement(), 1e-9);
        assertEquals(4.53734e-4, rates.exchange(), 1e-9);
    }

    @Test
    void refusesWhatTheSchemeCannotBuild() {
        Crn three = CrnText.parse("A + B + C -> D\n", "t.crn", "t");
        assertTrue(assertThrows(nn2crn.crn.CrnException.class, () -> DnaTranslation.translate(three, "soloveichik2010",
                DnaOptions.DEFAULT)).getMessage().contains("at most two"));
        assertTrue(assertThrows(nn2crn.crn.CrnException.class, () -> DnaTranslation.translate(THREE, "qian2011",
                DnaOptions.DEFAULT)).getMessage().contains("unknown DNA scheme"));
    }

    @Test
    void theWrittenPilReadsBackAsTheSameSystem() {
        DnaSystem system = DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
        Path file = dir.resolve("s.pil");
        nn2crn.io.AtomicFiles.writeString(file, Pil.format(system, List.of()));
        Pil.File read = Pil.read(file);
        assertEquals(system.complexes().size(), read.complexes().size());
        assertEquals(system.reactions().size(), read.reactions().size());
        for (DnaComplex c : system.complexes()) {
            assertEquals(c.kernel(), read.complexes().get(c.name()), c.name());
        }
        assertEquals(system.domains().size(), read.lengths().size());
    }
}
