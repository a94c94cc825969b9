package nn2crn.dna.thermo;

import java.util.Locale;

/**
 * Nearest-neighbour thermodynamics of perfectly matched DNA duplexes: a strand and its reverse complement,
 * no overhangs, no mismatches. This is the one place in the project that computes duplex energies.
 *
 * <h2>Model</h2>
 * The unified Watson-Crick parameters of SantaLucia &amp; Hicks (2004), Annu. Rev. Biophys. Biomol.
 * Struct. 33:415, Table 1 (1 M NaCl): ten ΔH°/ΔS° stacks, initiation (+0.2 kcal/mol, −5.7 cal/K/mol),
 * a terminal A·T penalty per A·T end (+2.2, +6.9) and, for self-complementary sequences, the symmetry
 * correction (0, −1.4). ΔG°(T) = ΔH° − T·ΔS° (ΔH°, ΔS° temperature-independent). Tm is
 * 1000·ΔH°/(ΔS° + R·ln(C<sub>T</sub>/x)) − 273.15 with x = 4 for two different strands and x = 1 for a
 * self-complementary one (SantaLucia 1998, PNAS 95:1460, eq. 3).
 *
 * <h2>Salt: which correction ΔG uses, and why</h2>
 * {@link #duplex} corrects the <em>entropy</em> exactly as primer3's {@code ntthal} does (primer3 2.6.1,
 * {@code src/thal.c}, {@code saltCorrectS}; read, not copied):
 * <pre>
 *   [Na+]eq = ( [Mon] + 120·sqrt(max(0, [Mg2+] − [dNTP])) ) / 1000      (mM in, M out; von Ahsen et al. 2001)
 *   ΔS°(salt) = ΔS°(1 M NaCl) + 0.368 · (N − 1) · ln [Na+]eq               (SantaLucia 1998, N = base pairs)
 * </pre>
 * ΔH° is salt-independent. This is the correction ΔG uses because (a) it acts on ΔS°, so it gives a
 * consistent ΔG° at any temperature and a Tm from the same ΔH°/ΔS° — what the domain-level energy and
 * rate models need; (b) it makes our numbers comparable with ntthal/primer3, the reference the project's
 * checks use (agreement: see {@code bench/thermo/README.md}). Its weakness is that the Mg<sup>2+</sup> →
 * Na<sup>+</sup> conversion is empirical and not length- or GC-dependent.
 *
 * <p>{@link #tmOwczarzy2008} gives Tm with the Mg<sup>2+</sup> correction of Owczarzy et al. (2008),
 * Biochemistry 47:5336, fitted to melts in Mg<sup>2+</sup> buffers (more accurate there, by the authors'
 * comparison). It corrects 1/Tm directly and defines no ΔS°, so it is offered as a separate Tm only.
 */
public final class NearestNeighbor {

    /** Gas constant, cal/(K·mol) (ntthal uses 1.9872). */
    public static final double R = 1.9872;
    /** 0 °C in kelvin. */
    public static final double KELVIN = 273.15;

    // SantaLucia & Hicks 2004, Table 1; index = stack(5'XY3'/3'X'Y'5'), top strand XY.
    // Order: AA/TT, AT/TA, TA/AT, CA/GT, GT/CA, CT/GA, GA/CT, CG/GC, GC/CG, GG/CC.
    private static final String[] STACKS = {"AA", "AT", "TA", "CA", "GT", "CT", "GA", "CG", "GC", "GG"};
    private static final double[] STACK_DH = {-7.6, -7.2, -7.2, -8.5, -8.4, -7.8, -8.2, -10.6, -9.8, -8.0};
    private static final double[] STACK_DS = {-21.3, -20.4, -21.3, -22.7, -22.4, -21.0, -22.2, -27.2, -24.4, -19.9};
    static final double INIT_DH = 0.2;
    static final double INIT_DS = -5.7;
    static final double TERMINAL_AT_DH = 2.2;
    static final double TERMINAL_AT_DS = 6.9;
    static final double SYMMETRY_DS = -1.4;

    /** 4×4 lookup by base index (A=0, C=1, G=2, T=3) of the top dinucleotide. */
    private static final double[][] DH = new double[4][4];
    private static final double[][] DS = new double[4][4];

    static {
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                String xy = "" + "ACGT".charAt(x) + "ACGT".charAt(y);
                int k = stackIndex(xy);
                if (k < 0) {
                    k = stackIndex(reverseComplement(xy)); // XY/X'Y' is the same stack as Y'X'/YX
                }
                DH[x][y] = STACK_DH[k];
                DS[x][y] = STACK_DS[k];
            }
        }
    }

    private NearestNeighbor() {
    }

    private static int stackIndex(String xy) {
        for (int i = 0; i < STACKS.length; i++) {
            if (STACKS[i].equals(xy)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The perfect duplex of {@code top} (5'→3', letters ACGT, case-insensitive, at least 2 nt) with its
     * reverse complement, at conditions {@code c}. ΔH° kcal/mol, ΔS° cal/(K·mol) salt-corrected as
     * ntthal does, ΔG° kcal/mol at {@code c.temperatureC()}, Tm °C at {@code c.strandConcentrationNM()}.
     *
     * @throws IllegalArgumentException for other letters, fewer than 2 nt, or no cations at all
     */
    public static Duplex duplex(String top, Conditions c) {
        String s = normalize(top);
        double[] hs = oneMolar(s);
        boolean sym = isSelfComplementary(s);
        double ds = hs[1] + saltEntropy(s.length(), c);
        double dh = hs[0];
        double dg = dh - c.temperatureK() * ds / 1000.0;
        double tm = tm(dh, ds, sym, c.strandConcentrationNM());
        return new Duplex(s, reverseComplement(s), dh, ds, dg, tm, sym, c);
    }

    /** ΔG° (kcal/mol) of the perfect duplex of {@code top} at {@code c}; shorthand for {@code duplex(top, c).deltaG()}. */
    public static double deltaG(String top, Conditions c) {
        return duplex(top, c).deltaG();
    }

    /**
     * Melting temperature (°C) of the perfect duplex of {@code top} with the Mg<sup>2+</sup> correction of
     * Owczarzy et al. 2008 (Biochemistry 47:5336, eqs. 16 and 18–20), applied to the 1 M Na<sup>+</sup> Tm
     * from the SantaLucia &amp; Hicks 2004 parameters at {@code c.strandConcentrationNM()}:
     * <pre>
     *   1/Tm = 1/Tm(1 M Na+) + a + b·ln[Mg] + f_GC·(c + d·ln[Mg])
     *          + (e + f·ln[Mg] + g·ln²[Mg]) / (2(N − 1))
     * </pre>
     * with a = 3.92e−5, b = −9.11e−6, c = 6.26e−5, d = 1.42e−5, e = −4.82e−4, f = 5.25e−4, g = 8.31e−5
     * (Tm in K, concentrations in M, N base pairs, f_GC the G·C fraction). [Mg] is the free Mg<sup>2+</sup>
     * after dNTP binding (K<sub>a</sub> = 3×10<sup>4</sup> M<sup>−1</sup>, as in the paper). With monovalent
     * ions present, R = sqrt([Mg])/[Mon] selects the regime (the paper's recommendation): R &lt; 0.22 uses the
     * monovalent correction of Owczarzy et al. 2004 (Biochemistry 43:3537) with [Mon] alone; 0.22 ≤ R &lt; 6
     * uses the Mg formula with a, d, g adjusted for [Mon] (eqs. 18–20); R ≥ 6 (or no monovalent ions) uses it
     * as it is. {@code c.temperatureC()} does not enter.
     *
     * @throws IllegalArgumentException as {@link #duplex}
     */
    public static double tmOwczarzy2008(String top, Conditions c) {
        String s = normalize(top);
        double[] hs = oneMolar(s);
        boolean sym = isSelfComplementary(s);
        double tm1M = tm(hs[0], hs[1], sym, c.strandConcentrationNM()) + KELVIN;
        int n = s.length();
        double fgc = gcFraction(s);
        double mon = c.naMM() / 1000.0;
        double mg = freeMagnesiumM(c.mgMM() / 1000.0, c.dntpMM() / 1000.0);
        if (mon <= 0 && mg <= 0) {
            throw new IllegalArgumentException("no cations: Na+ and free Mg2+ are both 0");
        }
        double inv;
        if (mg <= 0 || (mon > 0 && Math.sqrt(mg) / mon < 0.22)) {
            double ln = Math.log(mon); // Owczarzy 2004, eq. 22
            inv = 1.0 / tm1M + (4.29e-5 * fgc - 3.95e-5) * ln + 9.40e-6 * ln * ln;
        } else {
            double a = 3.92e-5, b = -9.11e-6, cc = 6.26e-5, d = 1.42e-5, e = -4.82e-4, f = 5.25e-4, g = 8.31e-5;
            if (mon > 0 && Math.sqrt(mg) / mon < 6.0) {
                double lm = Math.log(mon);
                a = 3.92e-5 * (0.843 - 0.352 * Math.sqrt(mon) * lm);
                d = 1.42e-5 * (1.279 - 4.03e-3 * lm - 8.03e-3 * lm * lm);
                g = 8.31e-5 * (0.486 - 0.258 * lm + 5.25e-3 * lm * lm * lm);
            }
            double l = Math.log(mg);
            inv = 1.0 / tm1M + a + b * l + fgc * (cc + d * l) + (e + f * l + g * l * l) / (2.0 * (n - 1));
        }
        return 1.0 / inv - KELVIN;
    }

    /**
     * The monovalent-equivalent Na<sup>+</sup> (M) that {@link #duplex} uses, as ntthal computes it:
     * ([Mon] + 120·sqrt(max(0, [Mg2+] − [dNTP]))) / 1000 with concentrations in mM.
     */
    public static double sodiumEquivalentM(Conditions c) {
        return (c.naMM() + 120.0 * Math.sqrt(Math.max(0.0, c.mgMM() - c.dntpMM()))) / 1000.0;
    }

    /** Reverse complement of a DNA sequence (ACGT, case-insensitive; upper case out). */
    public static String reverseComplement(String seq) {
        StringBuilder b = new StringBuilder(seq.length());
        for (int i = seq.length() - 1; i >= 0; i--) {
            b.append(complement(seq.charAt(i)));
        }
        return b.toString();
    }

    /** Watson-Crick complement of one base (ACGT, case-insensitive; upper case out). */
    public static char complement(char base) {
        switch (Character.toUpperCase(base)) {
            case 'A': return 'T';
            case 'C': return 'G';
            case 'G': return 'C';
            case 'T': return 'A';
            default: throw new IllegalArgumentException("not a DNA base: '" + base + "'");
        }
    }

    /** Whether {@code seq} equals its own reverse complement. */
    public static boolean isSelfComplementary(String seq) {
        return normalize(seq).equals(reverseComplement(seq));
    }

    // ---------------------------------------------------------------------------------------------

    /** ΔH° (kcal/mol) and ΔS° (cal/K/mol) at 1 M NaCl, symmetry correction included. */
    static double[] oneMolar(String s) {
        double dh = INIT_DH;
        double ds = INIT_DS;
        for (int i = 0; i + 1 < s.length(); i++) {
            int x = index(s.charAt(i));
            int y = index(s.charAt(i + 1));
            dh += DH[x][y];
            ds += DS[x][y];
        }
        for (char end : new char[] {s.charAt(0), s.charAt(s.length() - 1)}) {
            if (end == 'A' || end == 'T') {
                dh += TERMINAL_AT_DH;
                ds += TERMINAL_AT_DS;
            }
        }
        if (isSelfComplementary(s)) {
            ds += SYMMETRY_DS;
        }
        return new double[] {dh, ds};
    }

    /** ΔH° (kcal/mol), ΔS° (cal/K/mol) of the stack 5'-XY-3' / 3'-X'Y'-5' at 1 M NaCl. */
    static double[] stack(char x, char y) {
        return new double[] {DH[index(x)][index(y)], DS[index(x)][index(y)]};
    }

    /** The salt term added to ΔS° (cal/K/mol) for an n-bp duplex. */
    static double saltEntropy(int n, Conditions c) {
        double na = sodiumEquivalentM(c);
        if (!(na > 0)) {
            throw new IllegalArgumentException("no cations: Na+ " + c.naMM() + " mM, Mg2+ " + c.mgMM()
                    + " mM, dNTP " + c.dntpMM() + " mM");
        }
        return 0.368 * (n - 1) * Math.log(na);
    }

    /** Tm (°C) from ΔH° (kcal/mol), ΔS° (cal/K/mol), total strand concentration in nM. */
    static double tm(double dh, double ds, boolean selfComplementary, double strandNM) {
        double ct = strandNM * 1e-9;
        double x = selfComplementary ? 1.0 : 4.0;
        return 1000.0 * dh / (ds + R * Math.log(ct / x)) - KELVIN;
    }

    /**
     * Free Mg<sup>2+</sup> (M) after binding to dNTPs with K<sub>a</sub> = 3×10<sup>4</sup> M<sup>−1</sup>,
     * 1:1 (Owczarzy et al. 2008): the positive root of Ka·x² + (1 + Ka·(dNTP − Mg))·x − Mg = 0.
     */
    static double freeMagnesiumM(double mg, double dntp) {
        if (mg <= 0) {
            return 0.0;
        }
        if (dntp <= 0) {
            return mg;
        }
        double ka = 3.0e4;
        double bq = 1.0 + ka * (dntp - mg);
        return (-bq + Math.sqrt(bq * bq + 4.0 * ka * mg)) / (2.0 * ka);
    }

    static double gcFraction(String s) {
        int gc = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == 'G' || ch == 'C') {
                gc++;
            }
        }
        return (double) gc / s.length();
    }

    private static String normalize(String seq) {
        if (seq == null || seq.length() < 2) {
            throw new IllegalArgumentException("a duplex needs at least 2 nt: " + seq);
        }
        String s = seq.toUpperCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            index(s.charAt(i));
        }
        return s;
    }

    private static int index(char base) {
        switch (base) {
            case 'A': return 0;
            case 'C': return 1;
            case 'G': return 2;
            case 'T': return 3;
            default: throw new IllegalArgumentException("not a DNA base (ACGT): '" + base + "'");
        }
    }
}
