package nn2crn.dna.thermo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestNeighborTest {

    private static final Conditions ONE_M_37 = Conditions.ONE_MOLAR_NA_37C;

    // ---- published values --------------------------------------------------------------------

    /**
     * The worked example of SantaLucia 1998 (PNAS 95:1460; repeated with the same parameters in
     * SantaLucia &amp; Hicks 2004, Annu. Rev. Biophys. Biomol. Struct. 33:415): 5'-CGTTGA-3'/3'-GCAACT-5' at
     * 1 M NaCl, ΔG°37 = ΔG°init (1.96) + CG/GC (−2.17) + GT/CA (−1.44) + TT/AA (−1.00) + TG/AC (−1.45)
     * + GA/CT (−1.30) + terminal A·T (0.05) = −5.35 kcal/mol. (The paper text could not be retrieved in
     * this session; the sum was re-done by hand from the published ΔG°37 table.) Our ΔG°37 comes from
     * ΔH° − T·ΔS° rather than the ΔG°37 table, so it can differ by rounding: ΔH° = −40.9, ΔS° = −114.6.
     */
    @Test
    void santaLuciaWorkedExampleCgttga() {
        Duplex d = NearestNeighbor.duplex("CGTTGA", ONE_M_37);
        assertEquals(-40.9, d.deltaH(), 1e-9);
        assertEquals(-114.6, d.deltaS(), 1e-9);
        assertEquals(-5.35, d.deltaG(), 0.02);
        assertEquals("TCAACG", d.bottom());
        assertFalse(d.selfComplementary());
    }

    /** Each published ΔG°37 stack (SantaLucia &amp; Hicks 2004, Table 1) from our ΔH°/ΔS°, within rounding. */
    @Test
    void stackFreeEnergiesMatchPublishedDeltaG37() {
        String[] stacks = {"AA", "AT", "TA", "CA", "GT", "CT", "GA", "CG", "GC", "GG"};
        double[] dg37 = {-1.00, -0.88, -0.58, -1.45, -1.44, -1.28, -1.30, -2.17, -2.24, -1.84};
        for (int i = 0; i < stacks.length; i++) {
            double[] hs = NearestNeighbor.stack(stacks[i].charAt(0), stacks[i].charAt(1));
            assertEquals(dg37[i], g37(hs), 0.02, stacks[i]);
            // the same stack read on the other strand
            String other = NearestNeighbor.reverseComplement(stacks[i]);
            assertEquals(hs[0], NearestNeighbor.stack(other.charAt(0), other.charAt(1))[0], 0.0, other);
            assertEquals(hs[1], NearestNeighbor.stack(other.charAt(0), other.charAt(1))[1], 0.0, other);
        }
        // initiation 1.96, terminal A·T 0.05, symmetry 0.43 kcal/mol at 37 °C
        assertEquals(1.96, g37(new double[] {NearestNeighbor.INIT_DH, NearestNeighbor.INIT_DS}), 0.01);
        assertEquals(0.05, g37(new double[] {NearestNeighbor.TERMINAL_AT_DH, NearestNeighbor.TERMINAL_AT_DS}), 0.01);
        assertEquals(0.43, g37(new double[] {0, NearestNeighbor.SYMMETRY_DS}), 0.01);
    }

    private static double g37(double[] hs) {
        return hs[0] - 310.15 * hs[1] / 1000.0;
    }

    // ---- symmetry and self-complementarity ----------------------------------------------------

    @Test
    void aDuplexAndItsReverseComplementAreTheSameMolecule() {
        Random rng = new Random(7);
        for (int k = 0; k < 200; k++) {
            String s = random(rng, 2 + rng.nextInt(40));
            Duplex a = NearestNeighbor.duplex(s, Conditions.DEFAULT);
            Duplex b = NearestNeighbor.duplex(NearestNeighbor.reverseComplement(s), Conditions.DEFAULT);
            assertEquals(a.deltaH(), b.deltaH(), 1e-9, s);
            assertEquals(a.deltaS(), b.deltaS(), 1e-9, s);
            assertEquals(a.deltaG(), b.deltaG(), 1e-9, s);
            assertEquals(a.tmC(), b.tmC(), 1e-9, s);
            assertEquals(NearestNeighbor.tmOwczarzy2008(s, Conditions.DEFAULT),
                    NearestNeighbor.tmOwczarzy2008(b.top(), Conditions.DEFAULT), 1e-9, s);
            assertEquals(s, NearestNeighbor.reverseComplement(a.bottom()));
        }
    }

    @Test
    void selfComplementaryDuplexGetsSymmetryCorrectionAndFullStrandConcentration() {
        String s = "CGCGAATTCGCG"; // Dickerson dodecamer, self-complementary
        assertTrue(NearestNeighbor.isSelfComplementary(s));
        Duplex d = NearestNeighbor.duplex(s, ONE_M_37);
        assertTrue(d.selfComplementary());
        double[] hs = NearestNeighbor.oneMolar(s);
        assertEquals(hs[1], d.deltaS(), 1e-9); // ln 1 M = 0: no salt term
        // Tm = ΔH/(ΔS + R ln CT) (no /4)
        double ct = ONE_M_37.strandConcentrationNM() * 1e-9;
        assertEquals(1000 * d.deltaH() / (d.deltaS() + NearestNeighbor.R * Math.log(ct)) - 273.15, d.tmC(), 1e-9);
        // ΔS includes −1.4: compare with the same stacks counted by hand
        double ds = NearestNeighbor.INIT_DS + NearestNeighbor.SYMMETRY_DS;
        String[] nn = {"CG", "GC", "CG", "GA", "AA", "AT", "TT", "TC", "CG", "GC", "CG"};
        double[] dsOf = {-27.2, -24.4, -27.2, -22.2, -21.3, -20.4, -21.3, -22.2, -27.2, -24.4, -27.2};
        for (int i = 0; i < nn.length; i++) {
            assertEquals(nn[i], s.substring(i, i + 2));
            ds += dsOf[i];
        }
        assertEquals(ds, d.deltaS(), 1e-9);
    }

    // ---- salt -----------------------------------------------------------------------------------

    @Test
    void moreSaltStabilises() {
        Random rng = new Random(11);
        for (int k = 0; k < 50; k++) {
            String s = random(rng, 8 + rng.nextInt(30));
            double prevG = Double.POSITIVE_INFINITY;
            double prevTm = Double.NEGATIVE_INFINITY;
            double prevOw = Double.NEGATIVE_INFINITY;
            for (double mg : new double[] {0.5, 2, 5, 12.5, 25, 50, 100}) {
                Conditions c = Conditions.DEFAULT.withSalt(0, mg);
                Duplex d = NearestNeighbor.duplex(s, c);
                double ow = NearestNeighbor.tmOwczarzy2008(s, c);
                assertTrue(d.deltaG() < prevG, s + " Mg " + mg);
                assertTrue(d.tmC() > prevTm, s + " Mg " + mg);
                // Owczarzy 2008 is monotonic only up to a few tens of mM: its fitted 1/Tm turns back up at
                // high Mg2+ for GC-rich duplexes (d·f_GC and the length term outgrow b), as in their data
                if (mg <= 25) {
                    assertTrue(ow > prevOw, s + " Mg " + mg);
                }
                prevG = d.deltaG();
                prevTm = d.tmC();
                prevOw = ow;
            }
            prevG = Double.POSITIVE_INFINITY;
            prevTm = Double.NEGATIVE_INFINITY;
            for (double na : new double[] {10, 50, 150, 500, 1000}) {
                Duplex d = NearestNeighbor.duplex(s, Conditions.DEFAULT.withSalt(na, 0));
                assertTrue(d.deltaG() < prevG && d.tmC() > prevTm, s + " Na " + na);
                prevG = d.deltaG();
                prevTm = d.tmC();
            }
            // adding Na+ to the Mg buffer also stabilises; dNTPs (chelating Mg) destabilise
            Duplex base = NearestNeighbor.duplex(s, Conditions.DEFAULT);
            assertTrue(NearestNeighbor.duplex(s, Conditions.DEFAULT.withSalt(50, 12.5)).deltaG() < base.deltaG());
            Conditions dntp = new Conditions(25, 0, 12.5, 2, 100);
            assertTrue(NearestNeighbor.duplex(s, dntp).deltaG() > base.deltaG());
            assertTrue(NearestNeighbor.tmOwczarzy2008(s, dntp) < NearestNeighbor.tmOwczarzy2008(s, Conditions.DEFAULT));
            // at 1 M Na+ the salt term vanishes
            Duplex oneM = NearestNeighbor.duplex(s, ONE_M_37);
            assertEquals(NearestNeighbor.oneMolar(oneM.top())[1], oneM.deltaS(), 1e-9);
        }
    }

    @Test
    void saltEquivalentIsNtthals() {
        // 120·sqrt(12.5) = 424.26 mM
        assertEquals(0.4242641, NearestNeighbor.sodiumEquivalentM(Conditions.DEFAULT), 1e-6);
        assertEquals(0.050 + 0.120 * Math.sqrt(1.5), NearestNeighbor.sodiumEquivalentM(new Conditions(37, 50, 2, 0.5, 50)), 1e-12);
        assertEquals(0.050, NearestNeighbor.sodiumEquivalentM(new Conditions(37, 50, 0.5, 2, 50)), 1e-12);
        Duplex d = NearestNeighbor.duplex("ACGTTGCA", Conditions.DEFAULT);
        double ds1M = NearestNeighbor.oneMolar("ACGTTGCA")[1];
        assertEquals(ds1M + 0.368 * 7 * Math.log(0.4242641), d.deltaS(), 1e-5);
        assertEquals(d.deltaH() - 298.15 * d.deltaS() / 1000, d.deltaG(), 1e-12);
    }

    /**
     * Owczarzy 2008 (Biochemistry 47:5336) against an independent implementation, Biopython 1.88
     * {@code Bio.SeqUtils.MeltingTemp.Tm_NN(seq, nn_table=DNA_NN4, Na=0, Mg=12.5, dNTPs=0, dnac1=50,
     * dnac2=50, saltcorr=7)} (its DNA_NN4 table = SantaLucia &amp; Hicks 2004; dnac1 = dnac2 = 50 nM is our
     * C_T = 100 nM). Values generated by bench/thermo/biopython_owczarzy.py; Biopython uses R = 1.987,
     * we use 1.9872 (measured max difference 0.005 °C; tolerance 0.05 °C).
     */
    @Test
    void owczarzy2008MatchesBiopython() throws IOException {
        List<String[]> rows = readCsv("/thermo/biopython-owczarzy2008.csv");
        assertTrue(rows.size() >= 20);
        for (String[] r : rows) {
            Conditions c = new Conditions(25, Double.parseDouble(r[1]), Double.parseDouble(r[2]),
                    Double.parseDouble(r[3]), 100);
            assertEquals(Double.parseDouble(r[4]), NearestNeighbor.tmOwczarzy2008(r[0], c), 0.05, String.join(",", r));
        }
    }

    // ---- ntthal fixture ------------------------------------------------------------------------

    /**
     * 300 random duplexes, 10–40 bp, scored by primer3 2.6.1 {@code ntthal -a ANY -t 25 -mv 0 -dv 12.5 -n 0
     * -d 100} (bench/thermo/make_ntthal_fixture.py). The salt treatment is identical; the one parameter
     * difference is that primer3's stack table uses SantaLucia 1998's AA/TT (−7.9 kcal/mol, −22.2 e.u.)
     * where SantaLucia &amp; Hicks 2004 revised it to (−7.6, −21.3): at 25 °C that is 0.03 kcal/mol per AA/TT
     * stack (ntthal more stable), so poly-A/T-rich duplexes drift apart; nothing else differs (ΔH° and ΔS°
     * match ntthal exactly once that stack is swapped — checked below). Measured: 300/300 within 0.5
     * kcal/mol, |ΔG diff| median 0.095, max 0.285 kcal/mol (always ntthal more stable); |Tm diff| median
     * 0.045 °C, max 1.18 °C (short A/T-rich duplexes). All 300 ntthal structures are the full duplex.
     */
    @Test
    void agreesWithNtthal() throws IOException {
        List<String[]> rows = readCsv("/thermo/ntthal-duplexes.csv");
        assertEquals(300, rows.size());
        double[] dG = new double[rows.size()];
        double[] dTm = new double[rows.size()];
        int within = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            assertEquals("1", r[5], "ntthal did not return the full duplex for " + r[0]);
            Duplex d = NearestNeighbor.duplex(r[0], Conditions.DEFAULT);
            dG[i] = Math.abs(d.deltaG() - Double.parseDouble(r[1]));
            dTm[i] = Math.abs(d.tmC() - Double.parseDouble(r[2]));
            if (dG[i] <= 0.5) {
                within++;
            }
            // explain every difference: swap AA/TT back to the 1998 value and ΔH°, ΔS° agree exactly
            int aa = 0;
            for (int j = 0; j + 1 < r[0].length(); j++) {
                String xy = r[0].substring(j, j + 2);
                if (xy.equals("AA") || xy.equals("TT")) {
                    aa++;
                }
            }
            assertEquals(Double.parseDouble(r[3]), d.deltaH() + aa * (-7.9 + 7.6), 1e-3, r[0]);
            assertEquals(Double.parseDouble(r[4]), d.deltaS() + aa * (-22.2 + 21.3), 2e-3, r[0]);
        }
        double share = (double) within / rows.size();
        System.out.printf("ntthal agreement: %.1f%% of %d within 0.5 kcal/mol; |dG| median %.3f max %.3f kcal/mol;"
                + " |dTm| median %.2f max %.2f C%n", 100 * share, rows.size(), median(dG), max(dG), median(dTm), max(dTm));
        assertTrue(share >= 0.95, "only " + share + " within 0.5 kcal/mol");
        assertTrue(max(dTm) < 2.0, "Tm differs by up to " + max(dTm));
    }

    // ---- input checks ----------------------------------------------------------------------------

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbor.duplex("ACGN", Conditions.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbor.duplex("A", Conditions.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbor.duplex("ACGU", Conditions.DEFAULT));
        assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbor.duplex("ACGT", Conditions.DEFAULT.withSalt(0, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbor.tmOwczarzy2008("ACGT", Conditions.DEFAULT.withSalt(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Conditions(25, -1, 12.5, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Conditions(25, 0, 12.5, 0, 0));
        assertEquals(NearestNeighbor.duplex("acgtta", Conditions.DEFAULT).deltaG(),
                NearestNeighbor.duplex("ACGTTA", Conditions.DEFAULT).deltaG(), 0.0);
        assertNotNull(Conditions.atTemperature(37));
        assertEquals(298.15, Conditions.DEFAULT.temperatureK(), 1e-12);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String random(Random rng, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("ACGT".charAt(rng.nextInt(4)));
        }
        return b.toString();
    }

    private static List<String[]> readCsv(String resource) throws IOException {
        InputStream in = NearestNeighborTest.class.getResourceAsStream(resource);
        assertNotNull(in, resource);
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }
}
