package nn2crn.dna.sequences;

import nn2crn.dna.DnaComplex;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.Domain;
import nn2crn.dna.StrandTable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Checks of a strand set's sequences, whatever made them: the strands are read as given (name to
 * sequence) and each domain's sequence is read off the strands, so a wrong base anywhere shows.
 *
 * <p>Checks: every strand present with the length of its domains; every occurrence of a domain the
 * same sequence (a starred one its reverse complement); every intended duplex (each paired domain
 * of every complex's kernel) exact reverse complements; top strands (only unstarred domains) in
 * A, C, T and bottom strands (only starred) in A, G, T; no run of 4 equal bases; the toeholds'
 * ΔG spread within its bound; long domains' C fraction within bounds; the window rule of
 * {@link SequenceDesigner} (over all strands and their reverse complements, two occurrences of one
 * k-word must share a nucleotide position, domain, canonical offset and sense, at the same offset in
 * the window, unless both lie wholly in toeholds: so signal variants {@code d_i a b c} of one species
 * may share the words of their common {@code a b}); and no unintended complementary stretch of k nt
 * or more between two strands or within one (a hairpin stem or a homodimer), the same rule on the
 * strands that exist. A pair of nucleotides is intended when they are the same position of a
 * domain and its complement; toeholds with the same sequence count as the same toehold (shared
 * toehold words are allowed by design), so a stretch runs only over unintended pairs; a stretch
 * wholly in toeholds on both strands is exempt (fixed toehold words, as in the designer).
 */
public final class SequenceChecks {

    /** Failures listed per check at most; the rest are counted. */
    static final int LISTED = 20;

    /** One check: whether it passed, a one-line summary, and the failures (naming the strands). */
    public record Check(String name, boolean passed, String summary, List<String> failures) {
    }

    /**
     * One strand.
     *
     * @param longestUnintendedNt the longest unintended complementary stretch with any strand (itself included),
     *                            0 when below the seed length {@link Report#seedNt()}
     * @param partner             the strand of that stretch, or empty
     */
    public record StrandReport(String name, String role, int lengthNt, String sequence, double gcFraction,
                               int longestUnintendedNt, String partner) {
    }

    /**
     * @param k      the window length (unintended stretches of k nt or more fail)
     * @param seedNt stretches shorter than this are not searched for (the per-strand longest reads 0)
     */
    public record Report(int k, int seedNt, List<Check> checks, List<StrandReport> strands) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        public Check check(String name) {
            return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private SequenceChecks() {
    }

    /** Checks a design's strands with its own k and settings. */
    public static Report check(SequenceDesign design) {
        SequenceDesigner.Settings s = design.settings();
        return check(design.system(), design.strandSequences(), design.k(), s.duplexDeltaG(), s.toeholdSpreadKcal(),
                s.minCFraction(), s.maxCFraction());
    }

    /**
     * @param strandSequences strand name (as {@link StrandTable} names them) to sequence 5' to 3'
     */
    public static Report check(DnaSystem system, Map<String, String> strandSequences, int k,
                               ToDoubleFunction<String> duplexDeltaG, double toeholdSpreadKcal, double minC,
                               double maxC) {
        return new Run(system, strandSequences, k, duplexDeltaG).run(toeholdSpreadKcal, minC, maxC);
    }

    private static final class Failures {
        final List<String> listed = new ArrayList<>();
        int count;

        void add(String s) {
            if (count++ < LISTED) {
                listed.add(s);
            }
        }

        Check check(String name, String okSummary, String failSummary) {
            List<String> all = new ArrayList<>(listed);
            if (count > LISTED) {
                all.add(String.format(Locale.ROOT, "... and %,d more", count - LISTED));
            }
            return new Check(name, count == 0, count == 0 ? okSummary : String.format(Locale.ROOT, failSummary, count),
                    all);
        }
    }

    private static final class Run {
        final DnaSystem system;
        final int k;
        final ToDoubleFunction<String> energy;
        final List<StrandTable.Row> rows;
        final Map<List<String>, Integer> index = new HashMap<>();
        final String[] seqs;
        final Map<String, Domain> domains;
        final Map<String, String> domainSeq = new LinkedHashMap<>();
        final List<Check> checks = new ArrayList<>();
        final int[] longest;
        final int[] partner;

        Run(DnaSystem system, Map<String, String> strandSequences, int k, ToDoubleFunction<String> energy) {
            this.system = system;
            this.k = k;
            this.energy = energy;
            this.rows = StrandTable.rows(system, null);
            this.domains = system.domainsByName();
            seqs = new String[rows.size()];
            longest = new int[rows.size()];
            partner = new int[rows.size()];
            java.util.Arrays.fill(partner, -1);
            for (int i = 0; i < rows.size(); i++) {
                index.put(rows.get(i).domains(), i);
                seqs[i] = strandSequences.get(rows.get(i).name());
            }
        }

        Report run(double spread, double minC, double maxC) {
            strandsAndDomains();
            intendedDuplexes();
            alphabet();
            runs();
            toeholds(spread);
            cContent(minC, maxC);
            windows();
            int seed = unintended();
            List<StrandReport> strands = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String s = seqs[i] == null ? "" : seqs[i];
                long gc = s.chars().filter(c -> c == 'C' || c == 'G').count();
                strands.add(new StrandReport(rows.get(i).name(), rows.get(i).role(), s.length(), s,
                        s.isEmpty() ? 0 : (double) gc / s.length(), longest[i],
                        partner[i] < 0 ? "" : rows.get(partner[i]).name()));
            }
            return new Report(k, seed, checks, strands);
        }

        private int len(String domain) {
            return domains.get(Domain.base(domain)).length();
        }

        /** The sequence of the j-th domain of strand i, as written there (starred: as the strand reads). */
        private String part(int i, int j) {
            List<String> ds = rows.get(i).domains();
            int from = 0;
            for (int t = 0; t < j; t++) {
                from += len(ds.get(t));
            }
            return seqs[i].substring(from, from + len(ds.get(j)));
        }

        void strandsAndDomains() {
            Failures f = new Failures();
            Map<String, String> firstIn = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                StrandTable.Row r = rows.get(i);
                if (seqs[i] == null) {
                    f.add("strand " + r.name() + " has no sequence");
                    continue;
                }
                if (seqs[i].length() != r.lengthNt()) {
                    f.add(String.format(Locale.ROOT, "strand %s is %d nt, its domains %d nt", r.name(), seqs[i].length(),
                            r.lengthNt()));
                    seqs[i] = null;
                    continue;
                }
                for (int j = 0; j < r.domains().size(); j++) {
                    String d = r.domains().get(j);
                    String s = part(i, j);
                    String base = d.endsWith("*") ? Nt.reverseComplement(s) : s;
                    String known = domainSeq.putIfAbsent(Domain.base(d), base);
                    if (known == null) {
                        firstIn.put(Domain.base(d), r.name());
                    } else if (!known.equals(base)) {
                        f.add(String.format(Locale.ROOT, "strand %s: domain %s reads %s, but %s in strand %s", r.name(),
                                d, s, d.endsWith("*") ? Nt.reverseComplement(known) : known,
                                firstIn.get(Domain.base(d))));
                    }
                }
            }
            checks.add(f.check("strands and domains", "every strand has its length and every domain one sequence",
                    "%,d strands missing, of the wrong length, or with a domain that differs from its other occurrences"));
        }

        void intendedDuplexes() {
            Failures f = new Failures();
            Set<String> done = new HashSet<>();
            int pairs = 0;
            for (DnaComplex c : system.complexes()) {
                List<List<String>> strands = c.strands();
                int[] ids = new int[strands.size()];
                boolean ok = true;
                for (int s = 0; s < strands.size(); s++) {
                    Integer id = index.get(strands.get(s));
                    ids[s] = id == null ? -1 : id;
                    if (id == null || seqs[id] == null) {
                        ok = false;
                    }
                }
                if (!ok) {
                    f.add("complex " + c.name() + " has a strand without a designed sequence");
                    continue;
                }
                Deque<int[]> open = new ArrayDeque<>();
                int strand = 0;
                int domain = 0;
                for (String token : c.kernel()) {
                    if (token.equals("+")) {
                        strand++;
                        domain = 0;
                        continue;
                    }
                    if (token.endsWith("(")) {
                        open.push(new int[]{strand, domain});
                    } else if (token.equals(")")) {
                        int[] o = open.pop();
                        int a = ids[o[0]];
                        int b = ids[strand];
                        String key = a + ":" + o[1] + ":" + b + ":" + domain;
                        if (done.add(key)) {
                            pairs++;
                            String sa = part(a, o[1]);
                            String sb = part(b, domain);
                            if (!sa.equals(Nt.reverseComplement(sb))) {
                                String name = strands.get(o[0]).get(o[1]);
                                f.add(String.format(Locale.ROOT, "complex %s: domain %s of strand %s (%s) and %s of "
                                                + "strand %s (%s) are not reverse complements", c.name(), name,
                                        rows.get(a).name(), sa, Domain.complement(name), rows.get(b).name(), sb));
                            }
                        }
                    }
                    domain++;
                }
            }
            checks.add(f.check("intended duplexes", String.format(Locale.ROOT,
                    "all %,d intended domain pairings are exact reverse complements", pairs),
                    "%,d intended domain pairings are not reverse complements"));
        }

        void alphabet() {
            Failures f = new Failures();
            for (int i = 0; i < rows.size(); i++) {
                if (seqs[i] == null) {
                    continue;
                }
                List<String> ds = rows.get(i).domains();
                boolean top = ds.stream().noneMatch(d -> d.endsWith("*"));
                boolean bottom = ds.stream().allMatch(d -> d.endsWith("*"));
                String allowed = top ? "ACT" : bottom ? "AGT" : "ACGT";
                for (int p = 0; p < seqs[i].length(); p++) {
                    if (allowed.indexOf(seqs[i].charAt(p)) < 0) {
                        f.add(String.format(Locale.ROOT, "%s strand %s has %c at %d (allowed %s)",
                                top ? "top" : bottom ? "bottom" : "mixed", rows.get(i).name(), seqs[i].charAt(p), p + 1,
                                allowed));
                        break;
                    }
                }
            }
            checks.add(f.check("alphabet", "top strands in A, C, T; bottom strands in A, G, T",
                    "%,d strands outside their alphabet"));
        }

        void runs() {
            Failures f = new Failures();
            for (int i = 0; i < rows.size(); i++) {
                if (seqs[i] == null) {
                    continue;
                }
                String s = seqs[i];
                int run = 0;
                for (int p = 0; p < s.length(); p++) {
                    run = p > 0 && s.charAt(p) == s.charAt(p - 1) ? run + 1 : 1;
                    if (run == SequenceDesigner.RUN_LIMIT) {
                        f.add(String.format(Locale.ROOT, "strand %s has %s at %d", rows.get(i).name(),
                                String.valueOf(s.charAt(p)).repeat(run), p - run + 2));
                        break;
                    }
                }
            }
            checks.add(f.check("runs", "no run of " + SequenceDesigner.RUN_LIMIT + " equal bases in any strand",
                    "%,d strands have a run of " + SequenceDesigner.RUN_LIMIT + " equal bases"));
        }

        void toeholds(double spread) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            String minName = "";
            String maxName = "";
            int count = 0;
            for (Domain d : system.domains()) {
                String s = domainSeq.get(d.name());
                if (!d.toehold() || s == null) {
                    continue;
                }
                double g = energy.applyAsDouble(s);
                count++;
                if (g < min) {
                    min = g;
                    minName = d.name() + " " + s;
                }
                if (g > max) {
                    max = g;
                    maxName = d.name() + " " + s;
                }
            }
            boolean ok = count == 0 || max - min <= spread + 1e-9;
            String summary = count == 0 ? "no toeholds" : String.format(Locale.ROOT,
                    "%d toeholds, ΔG %.2f to %.2f kcal/mol: spread %.2f, bound %.2f", count, min, max, max - min, spread);
            checks.add(new Check("toehold spread", ok, summary, ok ? List.of() : List.of(String.format(Locale.ROOT,
                    "strongest %s (%.2f), weakest %s (%.2f): spread %.2f > %.2f kcal/mol", minName, min, maxName, max,
                    max - min, spread))));
        }

        void cContent(double minC, double maxC) {
            Failures f = new Failures();
            for (Domain d : system.domains()) {
                String s = domainSeq.get(d.name());
                if (d.toehold() || s == null) {
                    continue;
                }
                long c = s.chars().filter(x -> x == 'C').count();
                double fr = (double) c / s.length();
                if (fr < minC - 1e-9 || fr > maxC + 1e-9) {
                    f.add(String.format(Locale.ROOT, "long domain %s (%s) is %.0f %% C", d.name(), s, 100 * fr));
                }
            }
            checks.add(f.check("C content", String.format(Locale.ROOT,
                    "every long domain's C fraction within [%.2f, %.2f]", minC, maxC),
                    "%,d long domains outside the C-content bounds"));
        }

        /** Per strand and orientation: per nucleotide, the identity of its position (unit, offset, sense). */
        private long[] positions(int i, boolean reverse, Map<String, Integer> unitOf) {
            List<String> ds = rows.get(i).domains();
            long[] out = new long[seqs[i].length()];
            int p = 0;
            for (String d : ds) {
                int l = len(d);
                long unit = unitOf.get(Domain.base(d));
                int star = d.endsWith("*") ? 1 : 0;
                for (int t = 0; t < l; t++) {
                    out[p++] = unit << 22 | (long) (star == 0 ? t : l - 1 - t) << 1 | star;
                }
            }
            if (reverse) {
                long[] r = new long[out.length];
                for (int t = 0; t < out.length; t++) {
                    r[out.length - 1 - t] = out[t] ^ 1;
                }
                return r;
            }
            return out;
        }

        /** Long domains by name, toeholds by sequence; negative for toeholds. */
        private Map<String, Integer> units() {
            Map<String, Integer> unitOf = new HashMap<>();
            Map<String, Integer> words = new HashMap<>();
            int id = 0;
            for (Domain d : system.domains()) {
                if (d.toehold()) {
                    String s = domainSeq.getOrDefault(d.name(), d.name());
                    unitOf.put(d.name(), -1 - words.computeIfAbsent(s, x -> words.size()));
                } else {
                    unitOf.put(d.name(), id++);
                }
            }
            return unitOf;
        }

        void windows() {
            Failures f = new Failures();
            Map<String, Integer> unitOf = units();
            // per word: a chain of its distinct contexts (position identities), flat in ctx
            LongIntMap first = new LongIntMap(1 << 16, -1);
            long[] ctx = new long[1 << 16];
            int[] chain = new int[1 << 12];
            boolean[] hasLong = new boolean[chain.length];
            List<String> where = new ArrayList<>();
            int distinct = 0;
            int words = 0;
            Set<Long> reported = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                if (seqs[i] == null || seqs[i].length() < k) {
                    continue;
                }
                for (boolean reverse : new boolean[]{false, true}) {
                    String s = reverse ? Nt.reverseComplement(seqs[i]) : seqs[i];
                    long[] pos = positions(i, reverse, unitOf);
                    for (int p = 0; p + k <= s.length(); p++) {
                        boolean anyLong = false;
                        long key = 0;
                        for (int t = 0; t < k; t++) {
                            anyLong |= pos[p + t] >= 0;
                            key = key << 2 | Nt.code(s.charAt(p + t));
                        }
                        int head = first.get(key);
                        boolean same = false;
                        int conflict = -1;
                        for (int c = head; c >= 0 && !same; c = chain[c]) {
                            same = true;
                            boolean shared = false;
                            for (int t = 0; t < k; t++) {
                                boolean eq = ctx[c * k + t] == pos[p + t];
                                same &= eq;
                                shared |= eq;
                            }
                            if (!shared && conflict < 0 && (anyLong || hasLong[c])) {
                                conflict = c;
                            }
                        }
                        if (same) {
                            continue;
                        }
                        if (head < 0) {
                            words++;
                        }
                        if ((distinct + 1) * k > ctx.length) {
                            ctx = java.util.Arrays.copyOf(ctx, ctx.length * 2);
                        }
                        if (distinct == chain.length) {
                            chain = java.util.Arrays.copyOf(chain, chain.length * 2);
                            hasLong = java.util.Arrays.copyOf(hasLong, chain.length);
                        }
                        hasLong[distinct] = anyLong;
                        System.arraycopy(pos, p, ctx, distinct * k, k);
                        chain[distinct] = head;
                        first.put(key, distinct);
                        distinct++;
                        where.add(rows.get(i).name() + (reverse ? " (reverse complement)" : "") + " at " + (p + 1));
                        if (conflict >= 0 && reported.add(key)) {
                            f.add(String.format(Locale.ROOT, "%s occurs in %s%s at %d and in %s with no domain position "
                                            + "in common (%s)", s.substring(p, p + k), rows.get(i).name(),
                                    reverse ? " (reverse complement)" : "", p + 1, where.get(conflict),
                                    reverse != where.get(conflict).contains("(reverse complement)")
                                            ? "an unintended complement" : "a repeat"));
                        }
                    }
                }
            }
            checks.add(f.check("windows", String.format(Locale.ROOT,
                    "every %d-window that occurs twice shares a domain position at the same offset (%,d windows in "
                            + "%,d words, both orientations)", k, distinct, words),
                    "%,d " + k + "-words occur at two places with no domain position in common"));
        }

        private static long reverseComplementKey(long key, int w) {
            long r = 0;
            for (int t = 0; t < w; t++) {
                r = r << 2 | (3 - (key & 3));
                key >>>= 2;
            }
            return r;
        }

        /** Seed-and-extend search for unintended complementary stretches; returns the seed length. */
        int unintended() {
            long total = 0;
            for (String s : seqs) {
                total += s == null ? 0 : s.length();
            }
            int seed = 3;
            while (seed < k && (double) total * total / Math.pow(3, seed) > 4e6) {
                seed++;
            }
            seed = Math.min(seed, Math.max(1, k));
            Map<String, Integer> unitOf = units();
            long[][] pos = new long[rows.size()][];
            LongIntMap head = new LongIntMap(1 << 16, -1);
            int[] next = new int[(int) total + 1];
            int[] atStrand = new int[(int) total + 1];
            int[] atPos = new int[(int) total + 1];
            int m = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (seqs[i] == null) {
                    continue;
                }
                pos[i] = positions(i, false, unitOf);
                String s = seqs[i];
                long mask = seed >= 32 ? -1L : (1L << (2 * seed)) - 1;
                long key = 0;
                for (int p = 0; p < s.length(); p++) {
                    key = (key << 2 | Nt.code(s.charAt(p))) & mask;
                    if (p >= seed - 1) {
                        atStrand[m] = i;
                        atPos[m] = p - seed + 1;
                        next[m] = head.get(key);
                        head.put(key, m);
                        m++;
                    }
                }
            }
            Failures f = new Failures();
            Set<String> reported = new HashSet<>();
            for (int a = 0; a < rows.size(); a++) {
                if (seqs[a] == null) {
                    continue;
                }
                String sa = seqs[a];
                long mask = seed >= 32 ? -1L : (1L << (2 * seed)) - 1;
                long key = 0;
                for (int p = 0; p < sa.length(); p++) {
                    key = (key << 2 | Nt.code(sa.charAt(p))) & mask;
                    if (p < seed - 1) {
                        continue;
                    }
                    int i = p - seed + 1;
                    for (int e = head.get(reverseComplementKey(key, seed)); e >= 0; e = next[e]) {
                        int b = atStrand[e];
                        int j = atPos[e];
                        // a[i + t] pairs b[j + seed - 1 - t]
                        if (!unintended(a, i, b, j + seed - 1, 0, seed, pos)) {
                            continue;
                        }
                        if (i > 0 && j + seed < seqs[b].length() && pairs(a, i - 1, b, j + seed, pos)) {
                            continue; // not the start of the stretch
                        }
                        int len = seed;
                        while (i + len < sa.length() && j + seed - 1 - len >= 0
                                && pairs(a, i + len, b, j + seed - 1 - len, pos)) {
                            len++;
                        }
                        if (toeholdsOnly(a, i, b, j + seed - len, len, pos)) {
                            continue; // two stretches of toeholds: the fixed toehold words, exempt
                        }
                        if (len > longest[a]) {
                            longest[a] = len;
                            partner[a] = b;
                        }
                        if (len > longest[b]) {
                            longest[b] = len;
                            partner[b] = a;
                        }
                        if (len >= k && reported.add(Math.min(a, b) + ":" + Math.max(a, b))) {
                            f.add(String.format(Locale.ROOT, "%d nt of strand %s (from %d) are complementary to %s%s "
                                            + "(from %d), not an intended pairing", len, rows.get(a).name(), i + 1,
                                    a == b ? "itself" : "strand ", a == b ? "" : rows.get(b).name(),
                                    j + seed - len + 1));
                        }
                    }
                }
            }
            checks.add(f.check("unintended complements", String.format(Locale.ROOT,
                    "no unintended complementary stretch of %d nt or more between strands or within one", k),
                    "%,d strand pairs have an unintended complementary stretch of " + k + " nt or more"));
            return seed;
        }

        /** Whether a[i, i + len) and b[j, j + len) are wholly in toeholds. */
        private static boolean toeholdsOnly(int a, int i, int b, int j, int len, long[][] pos) {
            for (int t = 0; t < len; t++) {
                if (pos[a][i + t] >= 0 || pos[b][j + t] >= 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean pairs(int a, int i, int b, int j, long[][] pos) {
            return Nt.complement(seqs[a].charAt(i)) == seqs[b].charAt(j) && !intended(pos[a][i], pos[b][j]);
        }

        private boolean unintended(int a, int i, int b, int jEnd, int from, int to, long[][] pos) {
            for (int t = from; t < to; t++) {
                if (intended(pos[a][i + t], pos[b][jEnd - t])) {
                    return false;
                }
            }
            return true;
        }

        /** Same unit and offset, opposite sense. */
        private static boolean intended(long x, long y) {
            return (x ^ y) == 1;
        }
    }
}
