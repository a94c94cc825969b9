package nn2crn.dna.sequences;

import nn2crn.dna.DnaSystem;
import nn2crn.dna.Domain;
import nn2crn.dna.StrandTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Designs a sequence for every domain of a {@link DnaSystem}: a seeded, deterministic stochastic
 * local search (random start, then Metropolis moves at a low fixed temperature on nucleotides of
 * violating windows and domains). The MNIST translation capped at 200-nt strands (11,456 domains,
 * 667,600 nt, k = 15) passes in about 2 s on two cores.
 *
 * <p><b>Alphabet.</b> Every domain's sequence is in the three-letter code A, C, T; a starred
 * domain is its reverse complement (A, G, T). In the Soloveichik 2010 scheme top strands carry
 * only unstarred domains and bottom strands only starred ones, so top strands are in A, C, T and
 * bottom strands in A, G, T, and two top strands (or two bottom strands) pair only through A/T.
 *
 * <p><b>Toeholds</b> are chosen from the words of their length that have no run of 4 and whose
 * first two and last two bases differ (so two adjacent toeholds never make a run of 4), whose
 * duplex ΔG ({@link Settings#duplexDeltaG}, injected) lies in one window of width
 * {@link Settings#toeholdSpreadKcal}: the strongest window among those that give the most toehold domains a word of their own.
 * Toehold domains share words when there are more toeholds than words (there are few 5-nt
 * words); the words are spread round-robin in a seeded order, so two toeholds share one only when
 * the pool is used up. Toeholds are fixed before the search.
 *
 * <p><b>Long domains</b> (the search's variables) must have a C fraction within
 * [{@link Settings#minCFraction}, {@link Settings#maxCFraction}] (default 30 to 60 %: a random
 * three-letter sequence has 33 % C; below 30 % the duplex is AT-rich and weak, above 60 % the bottom
 * strands become G-rich), no strand may have a run of 4 equal bases (across domain junctions too),
 * and they must satisfy the window rule.
 *
 * <p><b>Window rule.</b> What is dangerous is a strand binding another (or itself) over k or more
 * consecutive nucleotides that are not an intended pairing. Every nucleotide of every strand has an
 * identity, its position: (unit, canonical offset, sense), the unit a long domain or, for a toehold,
 * its word (toeholds that share a word are the same toehold at sequence level, by design), the
 * canonical offset counted on the unstarred domain, the sense whether the strand reads the domain
 * starred. A k-window's context is the list of the k positions it reads. Over all strands and their
 * reverse complements, two occurrences of one k-word are a <em>violation</em> exactly when no window
 * offset t has the same position in both, and at least one of the two reads a long-domain
 * nucleotide. Read as hybridization: an occurrence in strand A and one in the reverse complement of
 * strand B mean that A and B can pair over those k nt, and a shared position at offset t means that
 * pair t is the intended pairing of one domain nucleotide with its complement; so a violation is k
 * consecutive complementary nucleotides of which none is intended (the "unintended complements"
 * check of {@link SequenceChecks}), while an allowed one is an intended duplex stretched by at most
 * k - 1 coincidental nucleotides. Two occurrences in the same orientation (a repeat) are judged the
 * same way, since the complement of one would bind the other. Allowed in particular: signal variants
 * {@code d_i a b c} of one species (one per product, differing only in the history domain d_i), whose
 * windows over the end of d_i and the shared {@code a b} have only 3^(nt of d_i) words and must
 * repeat; and gate output strands' {@code x_b x_c d a} patterns, shared with signals by design.
 * Pairs of occurrences that both lie wholly in toeholds are exempt: toeholds are fixed words from a
 * small pool, chosen before the search, which cannot change them.
 *
 * <p><b>k</b>, unless {@link Settings#k} sets it, is the smallest k >= 4 with
 * 3^k >= {@value #KEY_SPACE_FACTOR} x N, N the number of distinct constrained k-windows of the
 * design (both orientations), so that the windows fill a small fraction of the three-letter words
 * and each local move can find a free word. A k with N > 2 x 3^k cannot work at all (the windows
 * of the two orientations have at most 2 x 3^k distinct words) and is reported as infeasible.
 *
 * <p><b>Score</b>: violating pairs of window contexts (over the distinct contexts; the
 * {@code repeated_windows} of {@link SequenceDesign#remaining()}) + windows of 4 equal bases + per
 * long domain the number of C beyond its bounds, each weight 1. The start has no run of 4 and every
 * C count within bounds (long domains start with first two and last two bases different, so
 * junctions cannot start runs), and a move never adds a run or a C beyond the bounds: a species'
 * shared domains are read by hundreds of variant windows, so a move there costs many new
 * collisions, and a run or C excess made there could never be undone. Each move re-files only the
 * windows that read the changed nucleotide (their words updated by XOR, kept in buckets by word),
 * so a move costs the windows touching that nucleotide, not the design.
 * <b>Stop</b>: score 0, {@link Settings#maxIterations} moves, or {@link Settings#timeBudgetSeconds}
 * (the time budget is a safety net: a run it stops is reported and is not reproducible; the
 * iteration cap is).
 *
 * <p>A constraint that cannot be met (infeasible bounds, k too small, no toehold window, or
 * violations left when the search stops) gives a {@link SequenceDesign} whose
 * {@link SequenceDesign#passed()} is false, with one line per failing constraint in
 * {@link SequenceDesign#problems()}; nothing is thrown for an unmet constraint.
 */
public final class SequenceDesigner {

    /** No run of this many equal bases in any strand. */
    public static final int RUN_LIMIT = 4;
    /** Automatic k: the key space must be this many times the number of constrained windows. */
    public static final int KEY_SPACE_FACTOR = 16;
    /** Search temperature (score units): a move that adds 1 violation is taken with probability e^-1/T. */
    static final double TEMPERATURE = 0.3;
    private static final int[] TOP = {0, 1, 3}; // A, C, T

    /**
     * What to design for.
     *
     * @param duplexDeltaG      kcal/mol of the perfect duplex of a top-strand sequence with its complement
     * @param toeholdSpreadKcal max - min of the toeholds' ΔG, kcal/mol (default 0.5)
     * @param minCFraction      lowest C fraction of a long domain (default 0.3)
     * @param maxCFraction      highest C fraction of a long domain (default 0.6)
     * @param k                 window length of sequence symmetry minimization; 0 chooses it from the design's size
     * @param seed              seed of the search
     * @param maxIterations     cap on local moves (default 50,000,000)
     * @param timeBudgetSeconds wall-time cap (default 100 s)
     */
    public record Settings(ToDoubleFunction<String> duplexDeltaG, double toeholdSpreadKcal, double minCFraction,
                           double maxCFraction, int k, long seed, long maxIterations, double timeBudgetSeconds) {

        public static final double DEFAULT_TOEHOLD_SPREAD_KCAL = 0.5;
        public static final double DEFAULT_MIN_C = 0.30;
        public static final double DEFAULT_MAX_C = 0.60;
        public static final long DEFAULT_MAX_ITERATIONS = 50_000_000L;
        public static final double DEFAULT_TIME_BUDGET_S = 100;

        public Settings {
            Objects.requireNonNull(duplexDeltaG, "duplexDeltaG");
            if (!(toeholdSpreadKcal >= 0)) {
                throw new IllegalArgumentException("toehold spread must be >= 0 kcal/mol, is " + toeholdSpreadKcal);
            }
            if (!(minCFraction >= 0 && minCFraction <= maxCFraction && maxCFraction <= 1)) {
                throw new IllegalArgumentException("C fraction bounds must satisfy 0 <= min <= max <= 1, are "
                        + minCFraction + " and " + maxCFraction);
            }
            if (k != 0 && (k < 1 || k > 31)) {
                throw new IllegalArgumentException("k must be 0 (automatic) or 1..31, is " + k);
            }
            if (maxIterations < 0 || !(timeBudgetSeconds > 0)) {
                throw new IllegalArgumentException("iterations must be >= 0 and the time budget > 0");
            }
        }

        /** The defaults with this energy function: spread 0.5 kcal/mol, C 30-60 %, automatic k, seed 1. */
        public static Settings defaults(ToDoubleFunction<String> duplexDeltaG) {
            return new Settings(duplexDeltaG, DEFAULT_TOEHOLD_SPREAD_KCAL, DEFAULT_MIN_C, DEFAULT_MAX_C, 0, 1,
                    DEFAULT_MAX_ITERATIONS, DEFAULT_TIME_BUDGET_S);
        }

        public Settings withK(int k) {
            return new Settings(duplexDeltaG, toeholdSpreadKcal, minCFraction, maxCFraction, k, seed, maxIterations,
                    timeBudgetSeconds);
        }

        public Settings withSeed(long seed) {
            return new Settings(duplexDeltaG, toeholdSpreadKcal, minCFraction, maxCFraction, k, seed, maxIterations,
                    timeBudgetSeconds);
        }

        public Settings withToeholdSpread(double kcal) {
            return new Settings(duplexDeltaG, kcal, minCFraction, maxCFraction, k, seed, maxIterations,
                    timeBudgetSeconds);
        }

        public Settings withCFraction(double min, double max) {
            return new Settings(duplexDeltaG, toeholdSpreadKcal, min, max, k, seed, maxIterations, timeBudgetSeconds);
        }

        public Settings withLimits(long maxIterations, double timeBudgetSeconds) {
            return new Settings(duplexDeltaG, toeholdSpreadKcal, minCFraction, maxCFraction, k, seed, maxIterations,
                    timeBudgetSeconds);
        }
    }

    // ---- the design's structure ----
    private final DnaSystem system;
    private final Settings settings;
    private final List<Domain> domains;
    private final int n;
    private final int[] length;
    private final boolean[] toehold;
    /** toehold domain to the index of its word (its identity in window contexts); -1 for long domains */
    private final int[] word;
    private final byte[][] seq;
    /** oriented strands (each strand, then its reverse complement): domain refs id * 2 + starred */
    private final int[][] refs;
    private final int[][] starts;
    private final int strandCount;
    private final SplittableRandom random;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Double> toeholdDeltaG = new LinkedHashMap<>();
    private int cMin;
    private int cMax;

    private SequenceDesigner(DnaSystem system, Settings settings) {
        this.system = system;
        this.settings = settings;
        this.domains = system.domains();
        this.n = domains.size();
        this.length = new int[n];
        this.toehold = new boolean[n];
        this.word = new int[n];
        this.seq = new byte[n][];
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Domain d = domains.get(i);
            ids.put(d.name(), i);
            length[i] = d.length();
            toehold[i] = d.toehold();
            seq[i] = new byte[d.length()];
        }
        List<StrandTable.Row> rows = StrandTable.rows(system, null);
        strandCount = rows.size();
        refs = new int[2 * strandCount][];
        starts = new int[2 * strandCount][];
        for (int s = 0; s < strandCount; s++) {
            List<String> ds = rows.get(s).domains();
            int[] fwd = new int[ds.size()];
            int[] rev = new int[ds.size()];
            for (int j = 0; j < ds.size(); j++) {
                String name = ds.get(j);
                Integer id = ids.get(Domain.base(name));
                if (id == null) {
                    throw new IllegalArgumentException("strand " + rows.get(s).name() + " has domain " + name
                            + ", which the system does not list");
                }
                int star = name.endsWith("*") ? 1 : 0;
                fwd[j] = id * 2 + star;
                rev[ds.size() - 1 - j] = id * 2 + (1 - star);
            }
            refs[s] = fwd;
            refs[strandCount + s] = rev;
        }
        for (int s = 0; s < refs.length; s++) {
            int[] st = new int[refs[s].length + 1];
            for (int j = 0; j < refs[s].length; j++) {
                st[j + 1] = st[j] + length[refs[s][j] >> 1];
            }
            starts[s] = st;
        }
        random = new SplittableRandom(settings.seed());
    }

    /** Designs the sequences; see the class comment for the constraints, score and stop rule. */
    public static SequenceDesign design(DnaSystem system, Settings settings) {
        return new SequenceDesigner(system, settings).run();
    }

    private SequenceDesign run() {
        long t0 = System.nanoTime();
        chooseToeholds();
        numberPositions();
        boolean gcFeasible = chooseCBounds();
        initialLongDomains();
        int k = settings.k();
        if (k == 0) {
            k = 4;
            while (k < 31 && Math.pow(3, k) < (double) KEY_SPACE_FACTOR * countWindows(k)) {
                k++;
            }
        }
        Windows sym = new Windows(k, true, false);
        Windows runs = new Windows(RUN_LIMIT, false, false);
        int windowCount = 0; // the constrained windows: those with a long nucleotide
        for (int c = 0; c < sym.count; c++) {
            windowCount += sym.hasLong[c] ? 1 : 0;
        }
        if (windowCount > 2 * Math.pow(3, k)) {
            problems.add(String.format(Locale.ROOT, "window uniqueness: k = %d cannot work: the design has %,d distinct "
                    + "constrained %d-windows but the three-letter code has only %,.0f words of %d nt per strand "
                    + "orientation (%,.0f in all); automatic k would be %d", k, windowCount, k, Math.pow(3, k), k,
                    2 * Math.pow(3, k), autoK()));
        }
        Search search = new Search(sym, runs, gcFeasible);
        int initial = clamp(search.score());
        long iterations = 0;
        boolean timedOut = false;
        if (problems.isEmpty()) {
            long deadline = t0 + (long) (settings.timeBudgetSeconds() * 1e9);
            while (search.score() > 0 && iterations < settings.maxIterations()) {
                if ((iterations & 1023) == 0 && System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                search.step();
                iterations++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> remaining = new LinkedHashMap<>();
        remaining.put("repeated_windows", clamp(search.symViolations));
        remaining.put("runs_of_" + RUN_LIMIT, search.runViolations);
        remaining.put("c_content", search.gcViolations);
        if (problems.isEmpty() && search.score() > 0) {
            problems.add(String.format(Locale.ROOT, "the search stopped (%s) with score %d: %d conflicting pairs of equal %d-windows, "
                            + "%d windows of %d equal bases, %d C beyond the C-content bounds; a larger k (settings.k, "
                            + "now %d) or more iterations may meet them",
                    timedOut ? String.format(Locale.ROOT, "time budget %.0f s", settings.timeBudgetSeconds())
                            : String.format(Locale.ROOT, "%,d iterations", iterations),
                    search.score(), search.symViolations, k, search.runViolations, RUN_LIMIT, search.gcViolations, k));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(domains.get(i).name(), text(seq[i]));
        }
        return new SequenceDesign(system, settings, out, k, settings.seed(), iterations, seconds, initial,
                clamp(search.score()), remaining, windowCount, toeholdDeltaG, problems);
    }

    private static int clamp(long x) {
        return (int) Math.min(Integer.MAX_VALUE, x);
    }

    private int autoK() {
        int k = 4;
        while (k < 31 && Math.pow(3, k) < (double) KEY_SPACE_FACTOR * countWindows(k)) {
            k++;
        }
        return k;
    }

    private static String text(byte[] s) {
        StringBuilder b = new StringBuilder(s.length);
        for (byte x : s) {
            b.append(Nt.LETTERS.charAt(x));
        }
        return b.toString();
    }

    // ---- toeholds ----

    private void chooseToeholds() {
        Map<Integer, Integer> need = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (toehold[i]) {
                need.merge(length[i], 1, Integer::sum);
            }
        }
        if (need.isEmpty()) {
            return;
        }
        Map<Integer, List<String>> words = new TreeMap<>();
        Map<String, Double> energy = new LinkedHashMap<>();
        for (int len : need.keySet()) {
            if (len > 12) {
                throw new IllegalArgumentException("toeholds of " + len + " nt: the designer enumerates toehold words "
                        + "up to 12 nt");
            }
            List<String> list = new ArrayList<>();
            enumerate(new char[len], 0, list);
            for (String w : list) {
                energy.put(w, settings.duplexDeltaG().applyAsDouble(w));
            }
            words.put(len, list);
        }
        // the energy window [lo, lo + spread] that serves the most toeholds, then holds the most words
        double spread = settings.toeholdSpreadKcal();
        double bestLo = Double.NaN;
        long bestServed = -1;
        long bestTotal = -1;
        double eps = 1e-9;
        for (double lo : energy.values()) {
            long served = 0;
            long total = 0;
            boolean all = true;
            for (var e : words.entrySet()) {
                long c = e.getValue().stream().mapToDouble(energy::get).filter(g -> g >= lo - eps && g <= lo + spread + eps)
                        .count();
                all &= c > 0;
                served += Math.min(c, need.get(e.getKey()));
                total += c;
            }
            if (!all) {
                continue;
            }
            if (served > bestServed || served == bestServed && lo < bestLo) {
                bestLo = lo;
                bestServed = served;
                bestTotal = total;
            }
        }
        Map<Integer, List<String>> pools = new TreeMap<>();
        if (Double.isNaN(bestLo)) {
            StringBuilder ranges = new StringBuilder();
            for (var e : words.entrySet()) {
                double min = e.getValue().stream().mapToDouble(energy::get).min().orElse(Double.NaN);
                double max = e.getValue().stream().mapToDouble(energy::get).max().orElse(Double.NaN);
                ranges.append(String.format(Locale.ROOT, "%s%d nt: %.2f to %.2f", ranges.length() == 0 ? "" : "; ",
                        e.getKey(), min, max));
                if (e.getValue().isEmpty()) {
                    ranges.append(" (no word without a run of 4)");
                }
            }
            problems.add(String.format(Locale.ROOT, "toehold spread: no %.2f kcal/mol window of duplex ΔG holds a "
                    + "toehold word of every toehold length (%s kcal/mol); widen settings.toeholdSpreadKcal or make the "
                    + "toeholds one length", spread, ranges));
            // best effort: every length's words nearest the overall median
            double[] all = energy.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = all.length == 0 ? 0 : all[all.length / 2];
            for (var e : words.entrySet()) {
                List<String> sorted = new ArrayList<>(e.getValue());
                sorted.sort((a, b) -> Double.compare(Math.abs(energy.get(a) - median), Math.abs(energy.get(b) - median)));
                pools.put(e.getKey(), sorted.isEmpty() ? List.of() : List.of(sorted.get(0)));
            }
        } else {
            double lo = bestLo;
            for (var e : words.entrySet()) {
                List<String> pool = new ArrayList<>(e.getValue().stream()
                        .filter(w -> energy.get(w) >= lo - eps && energy.get(w) <= lo + spread + eps).toList());
                for (int i = pool.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    String t = pool.get(i);
                    pool.set(i, pool.get(j));
                    pool.set(j, t);
                }
                pools.put(e.getKey(), pool);
            }
        }
        Map<String, Integer> wordIds = new LinkedHashMap<>();
        Map<Integer, Integer> used = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            if (!toehold[i]) {
                word[i] = -1;
                continue;
            }
            List<String> pool = pools.get(length[i]);
            if (pool.isEmpty()) {
                throw new IllegalArgumentException("no toehold word of " + length[i] + " nt without a run of 4");
            }
            int c = used.merge(length[i], 1, Integer::sum) - 1;
            String w = pool.get(c % pool.size());
            word[i] = wordIds.computeIfAbsent(w, x -> wordIds.size());
            for (int j = 0; j < w.length(); j++) {
                seq[i][j] = (byte) Nt.code(w.charAt(j));
            }
            toeholdDeltaG.put(domains.get(i).name(), energy.get(w));
        }
    }

    /** Words in A, C, T without a run of 4 whose first two and last two bases differ. */
    private static void enumerate(char[] w, int at, List<String> out) {
        if (at == w.length) {
            String s = new String(w);
            if (Nt.longestRun(s) < RUN_LIMIT && (w.length < 2 || w[0] != w[1] && w[w.length - 1] != w[w.length - 2])) {
                out.add(s);
            }
            return;
        }
        for (char c : new char[]{'A', 'C', 'T'}) {
            w[at] = c;
            enumerate(w, at + 1, out);
        }
    }

    // ---- long domains ----

    private boolean chooseCBounds() {
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            if (toehold[i]) {
                continue;
            }
            int lo = (int) Math.ceil(settings.minCFraction() * length[i] - 1e-9);
            int hi = (int) Math.floor(settings.maxCFraction() * length[i] + 1e-9);
            if (lo > hi) {
                problems.add(String.format(Locale.ROOT, "C content: no count of C in a %d-nt long domain (%s) is a "
                                + "fraction within [%.2f, %.2f]; widen settings.minCFraction/maxCFraction", length[i],
                        domains.get(i).name(), settings.minCFraction(), settings.maxCFraction()));
                ok = false;
                break;
            }
        }
        return ok;
    }

    private int cLo(int d) {
        return (int) Math.ceil(settings.minCFraction() * length[d] - 1e-9);
    }

    private int cHi(int d) {
        return (int) Math.floor(settings.maxCFraction() * length[d] + 1e-9);
    }

    /**
     * Random long domains in A, C, T with the C count within bounds, no run of 4, and first two and
     * last two bases different (as toeholds), so that no junction of two domains starts as a run of 4:
     * a heavily shared domain (a species' a and b, read by hundreds of signal variants) changes only
     * at a high cost in windows, so a junction run it starts with could stay for good.
     */
    private void initialLongDomains() {
        for (int i = 0; i < n; i++) {
            if (toehold[i]) {
                continue;
            }
            int lo = cLo(i);
            int hi = cHi(i);
            for (int attempt = 0; ; attempt++) {
                int run = 0;
                int c = 0;
                for (int j = 0; j < length[i]; j++) {
                    byte b;
                    do {
                        b = (byte) TOP[random.nextInt(3)];
                    } while (j >= RUN_LIMIT - 1 && run >= RUN_LIMIT - 1 && b == seq[i][j - 1]
                            || (j == 1 || j == length[i] - 1) && j > 0 && b == seq[i][j - 1]);
                    run = j > 0 && b == seq[i][j - 1] ? run + 1 : 1;
                    seq[i][j] = b;
                    c += b == 1 ? 1 : 0;
                }
                if (c >= lo && c <= hi || attempt > 1000) {
                    break;
                }
            }
        }
    }

    // ---- nucleotide positions ----

    /** per domain: the first dense position id of its unit (a long domain, or a toehold's word) */
    private int[] unitBase;
    /** per dense position id (unit, canonical offset, sense): a domain of the unit, the offset, the sense */
    private int[] posDomain;
    private int[] posOffset;
    private byte[] posSense;
    /** per long domain: index of its first nucleotide among all long-domain nucleotides; -1 for toeholds */
    private int[] nucleotideBase;
    private int longNucleotides;
    /** per oriented strand: the dense position id of each nucleotide */
    private int[][] strandPos;

    /**
     * Numbers the identities of nucleotide positions: id = base of the unit + 2 x canonical offset +
     * sense, the unit a long domain or (for toeholds) a toehold word, the canonical offset counted
     * 5' to 3' on the unstarred domain, the sense 1 where the strand reads the starred domain.
     */
    private void numberPositions() {
        unitBase = new int[n];
        int words = 0;
        for (int d = 0; d < n; d++) {
            words = Math.max(words, word[d] + 1);
        }
        int[] wordBase = new int[words];
        Arrays.fill(wordBase, -1);
        nucleotideBase = new int[n];
        int next = 0;
        for (int d = 0; d < n; d++) {
            if (toehold[d]) {
                if (wordBase[word[d]] < 0) {
                    wordBase[word[d]] = next;
                    next += 2 * length[d];
                }
                unitBase[d] = wordBase[word[d]];
                nucleotideBase[d] = -1;
            } else {
                unitBase[d] = next;
                next += 2 * length[d];
                nucleotideBase[d] = longNucleotides;
                longNucleotides += length[d];
            }
        }
        posDomain = new int[next];
        posOffset = new int[next];
        posSense = new byte[next];
        for (int d = n - 1; d >= 0; d--) { // a shared toehold word ends up named by its first domain
            for (int o = 0; o < length[d]; o++) {
                for (int sense = 0; sense < 2; sense++) {
                    int id = unitBase[d] + 2 * o + sense;
                    posDomain[id] = d;
                    posOffset[id] = o;
                    posSense[id] = (byte) sense;
                }
            }
        }
        strandPos = new int[refs.length][];
        for (int s = 0; s < refs.length; s++) {
            int[] p = new int[starts[s][refs[s].length]];
            int at = 0;
            for (int ref : refs[s]) {
                int d = ref >> 1;
                int star = ref & 1;
                for (int t = 0; t < length[d]; t++) {
                    p[at++] = unitBase[d] + 2 * (star == 0 ? t : length[d] - 1 - t) + star;
                }
            }
            strandPos[s] = p;
        }
    }

    private boolean isLong(int id) {
        return !toehold[posDomain[id]];
    }

    /** The base (0..3) that a position id currently reads. */
    private int base(int id) {
        int b = seq[posDomain[id]][posOffset[id]];
        return posSense[id] == 0 ? b : 3 - b;
    }

    // ---- windows ----

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    private static final long P = 0x100000001B3L;

    /** Distinct constrained windows (contexts) of width w over both orientations (for the choice of k). */
    private int countWindows(int w) {
        LongIntMap seen = new LongIntMap(1 << 16, 0);
        forEachWindow(w, true, true, (s, start, hash) -> seen.put(hash, 1));
        return seen.size();
    }

    private interface WindowVisitor {
        void visit(int strand, int start, long contextHash);
    }

    /** Every window of width w with the hash of its context (its position ids in order). */
    private void forEachWindow(int w, boolean bothOrientations, boolean requireLong, WindowVisitor visitor) {
        long pw = 1;
        for (int i = 0; i < w - 1; i++) {
            pw *= P;
        }
        int last = bothOrientations ? refs.length : strandCount;
        for (int s = 0; s < last; s++) {
            int[] p = strandPos[s];
            if (p.length < w) {
                continue;
            }
            long h = 0;
            int longs = 0;
            for (int i = 0; i < p.length; i++) {
                if (i >= w) {
                    h -= mix(p[i - w] + 1L) * pw;
                    longs -= isLong(p[i - w]) ? 1 : 0;
                }
                h = h * P + mix(p[i] + 1L);
                longs += isLong(p[i]) ? 1 : 0;
                if (i >= w - 1 && (!requireLong || longs > 0)) {
                    visitor.visit(s, i - w + 1, h);
                }
            }
        }
    }

    /**
     * The distinct window contexts of one width: each one's position ids, its current word (2 bits a
     * base, the first base highest), and per long-domain nucleotide the (context, window offset)
     * pairs that read it, so that a base change updates exactly the words it touches.
     */
    private final class Windows {
        final int width;
        int count;
        int[] pos = new int[0];
        final long[] key;
        /** whether the window reads a long-domain nucleotide (else it lies wholly in toeholds) */
        final boolean[] hasLong;
        /** CSR over long-domain nucleotides: entries context << 5 | window offset */
        final int[] coverStart;
        final int[] cover;

        Windows(int width, boolean bothOrientations, boolean requireLong) {
            this.width = width;
            LongIntMap ids = new LongIntMap(1 << 16, -1);
            pos = new int[1024 * width];
            forEachWindow(width, bothOrientations, requireLong, (s, start, hash) -> {
                if (ids.get(hash) >= 0) {
                    return;
                }
                ids.put(hash, count);
                if ((count + 1) * width > pos.length) {
                    pos = Arrays.copyOf(pos, pos.length * 2);
                }
                System.arraycopy(strandPos[s], start, pos, count * width, width);
                count++;
            });
            pos = Arrays.copyOf(pos, count * width);
            key = new long[count];
            hasLong = new boolean[count];
            coverStart = new int[longNucleotides + 1];
            for (int c = 0; c < count; c++) {
                long k = 0;
                for (int t = 0; t < width; t++) {
                    int id = pos[c * width + t];
                    k = k << 2 | base(id);
                    if (isLong(id)) {
                        hasLong[c] = true;
                        coverStart[nucleotideBase[posDomain[id]] + posOffset[id] + 1]++;
                    }
                }
                key[c] = k;
            }
            for (int g = 0; g < longNucleotides; g++) {
                coverStart[g + 1] += coverStart[g];
            }
            cover = new int[coverStart[longNucleotides]];
            int[] fill = Arrays.copyOf(coverStart, longNucleotides);
            for (int c = 0; c < count; c++) {
                for (int t = 0; t < width; t++) {
                    int id = pos[c * width + t];
                    if (isLong(id)) {
                        cover[fill[nucleotideBase[posDomain[id]] + posOffset[id]]++] = c << 5 | t;
                    }
                }
            }
        }

        /**
         * Whether two contexts share a position at the same window offset: an occurrence of one
         * word at both is then an intended pairing (or the same domains) stretched by fewer than
         * width unintended nucleotides, which the rule allows. Checked from both ends inwards, where
         * shared domains usually are.
         */
        boolean explained(int a, int b) {
            int pa = a * width;
            int pb = b * width;
            for (int i = 0, j = width - 1; i <= j; i++, j--) {
                if (pos[pa + i] == pos[pb + i] || pos[pa + j] == pos[pb + j]) {
                    return true;
                }
            }
            return false;
        }

        /** Two contexts of one word conflict when neither explains the other and one has a long nucleotide. */
        boolean conflict(int a, int b) {
            return (hasLong[a] || hasLong[b]) && !explained(a, b);
        }

        /** The long-domain positions (domain << 16 | canonical offset) of a window. */
        int longPositions(int c, int[] out) {
            int m = 0;
            for (int t = 0; t < width; t++) {
                int id = pos[c * width + t];
                if (isLong(id)) {
                    out[m++] = posDomain[id] << 16 | posOffset[id];
                }
            }
            return m;
        }
    }

    /** A growable set of candidate violations, checked when drawn. */
    private static final class Candidates {
        int[] items = new int[256];
        int size;
        final boolean[] in;

        Candidates(int universe) {
            in = new boolean[universe];
        }

        void push(int x) {
            if (!in[x]) {
                in[x] = true;
                if (size == items.length) {
                    items = Arrays.copyOf(items, size * 2);
                }
                items[size++] = x;
            }
        }

        void removeAt(int i) {
            in[items[i]] = false;
            items[i] = items[--size];
        }
    }

    private static boolean isRun(long key) {
        return key == 0 || key == 0x55 || key == 0xAA || key == 0xFF;
    }

    /**
     * The incremental score and the local moves. The symmetry windows are kept in buckets by word
     * (intrusive lists); each context counts the contexts of its bucket it conflicts with (no shared
     * position at the same offset), and the score's window part is the number of conflicting pairs.
     * A base change re-files only the windows that read that nucleotide.
     */
    private final class Search {
        final Windows sym;
        final Windows runs;
        final LongIntMap head;
        final int[] next;
        final int[] prev;
        final int[] conflicts;
        final boolean[] runNow;
        final int[] cCount = new int[n];
        final Candidates symBad;
        final Candidates runBad;
        final Candidates gcBad;
        final boolean gcActive;
        long symViolations;
        int runViolations;
        int gcViolations;
        final int[] buffer;
        final byte[] options = new byte[2];

        Search(Windows sym, Windows runs, boolean gcActive) {
            this.sym = sym;
            this.runs = runs;
            this.gcActive = gcActive;
            head = new LongIntMap(sym.count + 16, -1);
            next = new int[sym.count];
            prev = new int[sym.count];
            conflicts = new int[sym.count];
            runNow = new boolean[runs.count];
            symBad = new Candidates(sym.count);
            runBad = new Candidates(runs.count);
            gcBad = new Candidates(n);
            buffer = new int[Math.max(sym.width, runs.width)];
            for (int c = 0; c < sym.count; c++) {
                link(c);
            }
            for (int c = 0; c < runs.count; c++) {
                if (isRun(runs.key[c])) {
                    runNow[c] = true;
                    runViolations++;
                    runBad.push(c);
                }
            }
            for (int d = 0; d < n; d++) {
                if (toehold[d]) {
                    continue;
                }
                for (byte b : seq[d]) {
                    cCount[d] += b == 1 ? 1 : 0;
                }
                int dev = gcDev(d, cCount[d]);
                gcViolations += dev;
                if (dev > 0) {
                    gcBad.push(d);
                }
            }
        }

        /** Files context c into the bucket of its word, counting the conflicts it makes there. */
        private void link(int c) {
            long k = sym.key[c];
            int h = head.get(k);
            for (int o = h; o >= 0; o = next[o]) {
                if (sym.conflict(c, o)) {
                    conflicts[c]++;
                    if (conflicts[o]++ == 0) {
                        symBad.push(o);
                    }
                    symViolations++;
                }
            }
            if (conflicts[c] > 0) {
                symBad.push(c);
            }
            prev[c] = -1;
            next[c] = h;
            if (h >= 0) {
                prev[h] = c;
            }
            head.put(k, c);
        }

        /** Takes context c out of its bucket, with its conflicts. */
        private void unlink(int c) {
            long k = sym.key[c];
            if (conflicts[c] > 0) {
                for (int o = head.get(k); o >= 0; o = next[o]) {
                    if (o != c && sym.conflict(c, o)) {
                        conflicts[o]--;
                        symViolations--;
                    }
                }
                conflicts[c] = 0;
            }
            if (prev[c] >= 0) {
                next[prev[c]] = next[c];
            } else if (next[c] >= 0) {
                head.put(k, next[c]);
            } else {
                head.remove(k);
            }
            if (next[c] >= 0) {
                prev[next[c]] = prev[c];
            }
        }

        int gcDev(int d, int c) {
            return gcActive ? Math.max(0, cLo(d) - c) + Math.max(0, c - cHi(d)) : 0;
        }

        long score() {
            return symViolations + runViolations + gcViolations;
        }

        /** Sets one base and returns the change of the score. */
        long set(int d, int offset, byte base) {
            byte old = seq[d][offset];
            if (old == base) {
                return 0;
            }
            seq[d][offset] = base;
            long before = score();
            long flip = old ^ base; // also the change of a complemented base: (3 - a) ^ (3 - b) = a ^ b
            int g = nucleotideBase[d] + offset;
            int w = sym.width;
            for (int e = sym.coverStart[g]; e < sym.coverStart[g + 1]; e++) {
                int c = sym.cover[e] >>> 5;
                int t = sym.cover[e] & 31;
                unlink(c);
                sym.key[c] ^= flip << (2 * (w - 1 - t));
                link(c);
            }
            w = runs.width;
            for (int e = runs.coverStart[g]; e < runs.coverStart[g + 1]; e++) {
                int c = runs.cover[e] >>> 5;
                int t = runs.cover[e] & 31;
                long nk = runs.key[c] ^ (flip << (2 * (w - 1 - t)));
                runs.key[c] = nk;
                boolean is = isRun(nk);
                if (is != runNow[c]) {
                    runNow[c] = is;
                    runViolations += is ? 1 : -1;
                    if (is) {
                        runBad.push(c);
                    }
                }
            }
            int oldDev = gcDev(d, cCount[d]);
            cCount[d] += (base == 1 ? 1 : 0) - (old == 1 ? 1 : 0);
            int newDev = gcDev(d, cCount[d]);
            gcViolations += newDev - oldDev;
            if (newDev > 0) {
                gcBad.push(d);
            }
            return score() - before;
        }

        void step() {
            int total = symBad.size + runBad.size + gcBad.size;
            if (total == 0) {
                return;
            }
            int r = random.nextInt(total);
            int d;
            int offset;
            if (r < symBad.size) {
                int c = symBad.items[r];
                if (conflicts[c] == 0) {
                    symBad.removeAt(r);
                    return;
                }
                int m = sym.longPositions(c, buffer);
                if (m == 0) {
                    symBad.removeAt(r);
                    return;
                }
                int p = buffer[random.nextInt(m)];
                d = p >>> 16;
                offset = p & 0xFFFF;
            } else if (r < symBad.size + runBad.size) {
                r -= symBad.size;
                int c = runBad.items[r];
                if (!runNow[c]) {
                    runBad.removeAt(r);
                    return;
                }
                int m = runs.longPositions(c, buffer);
                if (m == 0) {
                    runBad.removeAt(r);
                    return;
                }
                int p = buffer[random.nextInt(m)];
                d = p >>> 16;
                offset = p & 0xFFFF;
            } else {
                r -= symBad.size + runBad.size;
                d = gcBad.items[r];
                int c = cCount[d];
                if (gcDev(d, c) == 0) {
                    gcBad.removeAt(r);
                    return;
                }
                boolean wantC = c < cLo(d);
                // a random position that is (too few C) not a C, (too many) a C
                int pick = -1;
                int seen = 0;
                for (int j = 0; j < length[d]; j++) {
                    if ((seq[d][j] == 1) != wantC && random.nextInt(++seen) == 0) {
                        pick = j;
                    }
                }
                offset = pick;
                options[0] = wantC ? 1 : (byte) (random.nextBoolean() ? 0 : 3);
                try1(d, offset, 1);
                return;
            }
            byte old = seq[d][offset];
            int m = 0;
            for (int b : TOP) {
                if (b != old) {
                    options[m++] = (byte) b;
                }
            }
            try1(d, offset, m);
        }

        /**
         * Tries the first m options at one position (each set from the one before, so that m
         * options cost m base changes) and keeps the best by the Metropolis rule.
         */
        private void try1(int d, int offset, int m) {
            byte old = seq[d][offset];
            int run0 = runViolations;
            int gc0 = gcViolations;
            long best = Long.MAX_VALUE;
            byte bestBase = old;
            int ties = 0;
            long delta = 0;
            for (int i = 0; i < m; i++) {
                byte b = options[i];
                delta += set(d, offset, b);
                if (runViolations > run0 || gcViolations > gc0) {
                    continue; // never a new run or C beyond the bounds
                }
                if (delta < best) {
                    best = delta;
                    bestBase = b;
                    ties = 1;
                } else if (delta == best && random.nextInt(++ties) == 0) {
                    bestBase = b;
                }
            }
            boolean accept = best <= 0 || best < Long.MAX_VALUE && random.nextDouble() < Math.exp(-best / TEMPERATURE);
            set(d, offset, accept ? bestBase : old);
        }
    }
}
