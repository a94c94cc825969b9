package nn2crn.dna.sequences;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.dna.DnaOptions;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.DnaTranslation;
import nn2crn.dna.Domain;
import nn2crn.dna.StrandTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceDesignerTest {

    static final Crn THREE = nn2crn.dna.TestDesigns.THREE;

    static final DnaSystem SYSTEM = DnaTranslation.translate(THREE, "soloveichik2010", DnaOptions.DEFAULT);
    static final SequenceDesigner.Settings SETTINGS = SequenceDesigner.Settings.defaults(StandInEnergy::deltaG);

    @TempDir
    Path dir;

    @Test
    void designPassesEveryCheck() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        assertTrue(design.passed(), design.problems().toString());
        assertEquals(0, design.score());
        SequenceChecks.Report report = SequenceChecks.check(design);
        assertTrue(report.passed(), report.checks().toString());
        assertTrue(report.check("intended duplexes").passed());
    }

    @Test
    void topStrandsAreACTAndBottomStrandsAGT() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        Map<String, String> seqs = design.strandSequences();
        int top = 0;
        int bottom = 0;
        for (StrandTable.Row r : StrandTable.rows(SYSTEM, null)) {
            String s = seqs.get(r.name());
            assertEquals(r.lengthNt(), s.length());
            if (r.domains().stream().noneMatch(d -> d.endsWith("*"))) {
                assertTrue(s.matches("[ACT]+"), r.name() + " " + s);
                top++;
            } else if (r.domains().stream().allMatch(d -> d.endsWith("*"))) {
                assertTrue(s.matches("[AGT]+"), r.name() + " " + s);
                bottom++;
            }
        }
        assertTrue(top > 0 && bottom > 0);
    }

    @Test
    void noRunOfFour() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        design.strandSequences().forEach((name, s) -> assertTrue(Nt.longestRun(s) < 4, name + " " + s));
    }

    @Test
    void windowsFollowTheRuleAtTheStatedK() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        int k = design.k();
        assertTrue(k >= 4 && Math.pow(3, k) >= SequenceDesigner.KEY_SPACE_FACTOR * design.windows(), "k " + k);
        // independently: any two occurrences of one k-word, over all strands and their reverse complements, share
        // a nucleotide position (domain, offset, sense; a toehold by its sequence) at the same offset in the
        // window, unless both lie wholly in toeholds. (Before the rule was relaxed this test asked that windows
        // wholly in long domains be the same domain positions throughout; two signal variants d_1 a b c and
        // d_2 a b c may now share a word where it is mostly their common a b: that is the same signal.)
        Map<String, Domain> domains = SYSTEM.domainsByName();
        Map<String, List<List<String>>> where = new HashMap<>();
        for (StrandTable.Row r : StrandTable.rows(SYSTEM, null)) {
            for (boolean reverse : new boolean[]{false, true}) {
                List<String> ds = new ArrayList<>(r.domains());
                if (reverse) {
                    java.util.Collections.reverse(ds);
                    ds.replaceAll(Domain::complement);
                }
                List<String> pos = new ArrayList<>();
                StringBuilder seq = new StringBuilder();
                for (String d : ds) {
                    Domain dom = domains.get(Domain.base(d));
                    String unit = dom.toehold() ? "toehold " + design.domainSequence(dom.name()) : dom.name();
                    for (int t = 0; t < dom.length(); t++) {
                        pos.add(d.endsWith("*") ? unit + "*" + (dom.length() - 1 - t) : unit + " " + t);
                    }
                    seq.append(design.domainSequence(d));
                }
                for (int p = 0; p + k <= seq.length(); p++) {
                    List<String> ctx = pos.subList(p, p + k);
                    String w = seq.substring(p, p + k);
                    for (List<String> other : where.computeIfAbsent(w, x -> new ArrayList<>())) {
                        boolean shared = false;
                        for (int t = 0; t < k; t++) {
                            shared |= ctx.get(t).equals(other.get(t));
                        }
                        boolean toeholds = ctx.stream().allMatch(x -> x.startsWith("toehold"))
                                && other.stream().allMatch(x -> x.startsWith("toehold"));
                        assertTrue(shared || toeholds, w + " at " + ctx + " and " + other);
                    }
                    where.get(w).add(List.copyOf(ctx));
                }
            }
        }
        assertTrue(SequenceChecks.check(design).check("windows").passed());
    }

    @Test
    void signalVariantsSharingTheirSpeciesDomainsAreNoViolation() {
        // four variants y_1_ .. y_4_ = d_i y_a y_b y_c: a window of the last base of d_i and the first k - 1 of
        // y_a y_b has at most 3 words, so two variants must share one (a repeat the old rule counted)
        DnaSystem fan = DnaTranslation.translate(CrnText.parse("x @initial 1\nx -> 4 y\n", "fan.crn", "fan"),
                "soloveichik2010", DnaOptions.DEFAULT);
        SequenceDesign design = SequenceDesigner.design(fan, SETTINGS);
        assertTrue(design.passed(), design.problems().toString());
        SequenceChecks.Report report = SequenceChecks.check(design);
        assertTrue(report.passed(), report.checks().toString());
        int k = design.k();
        Map<String, String> seqs = design.strandSequences();
        Map<String, String> seen = new HashMap<>();
        boolean shared = false;
        for (StrandTable.Row r : StrandTable.rows(fan, null)) {
            if (r.role().startsWith("signal (y)")) {
                int history = fan.domainsByName().get(r.domains().get(0)).length();
                String w = seqs.get(r.name()).substring(history - 1, history - 1 + k);
                shared |= seen.put(w, r.name()) != null;
            }
        }
        assertTrue(shared, "two variants share a " + k + "-window: " + seen);
    }

    @Test
    void anUnintendedComplementBetweenUnrelatedStrandsIsStillAViolation() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        // give h_b the sequence of x_b: signal x (x_b) is then fully complementary to h_b* of f3_gate_bottom
        Map<String, String> domainSeqs = new LinkedHashMap<>(design.domainSequences());
        domainSeqs.put("h_b", domainSeqs.get("x_b"));
        SequenceDesign changed = new SequenceDesign(SYSTEM, SETTINGS, domainSeqs, design.k(), design.seed(),
                design.iterations(), design.seconds(), design.initialScore(), design.score(), design.remaining(),
                design.windows(), design.toeholdDeltaG(), design.problems());
        SequenceChecks.Report report = SequenceChecks.check(changed);
        SequenceChecks.Check windows = report.check("windows");
        assertFalse(windows.passed());
        SequenceChecks.Check complements = report.check("unintended complements");
        assertFalse(complements.passed());
        assertTrue(complements.failures().stream().anyMatch(f -> f.contains("strand x ") && f.contains("f3_gate_bottom")),
                complements.failures().toString());
    }

    @Test
    void toeholdSpreadWithinTheBound() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Domain d : SYSTEM.domains()) {
            if (d.toehold()) {
                double g = StandInEnergy.deltaG(design.domainSequence(d.name()));
                min = Math.min(min, g);
                max = Math.max(max, g);
            }
        }
        assertTrue(max - min <= SETTINGS.toeholdSpreadKcal() + 1e-9, min + " to " + max);
        assertTrue(SequenceChecks.check(design).check("toehold spread").passed());
    }

    @Test
    void intendedPairingsAreReverseComplements() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        for (Domain d : SYSTEM.domains()) {
            assertEquals(Nt.reverseComplement(design.domainSequence(d.name())), design.domainSequence(d.name() + "*"));
        }
        assertTrue(SequenceChecks.check(design).check("intended duplexes").passed());
    }

    @Test
    void sameSeedSameSequencesOtherSeedOthers() {
        SequenceDesign a = SequenceDesigner.design(SYSTEM, SETTINGS.withSeed(7));
        SequenceDesign b = SequenceDesigner.design(SYSTEM, SETTINGS.withSeed(7));
        SequenceDesign c = SequenceDesigner.design(SYSTEM, SETTINGS.withSeed(8));
        assertEquals(a.domainSequences(), b.domainSequences());
        assertEquals(a.iterations(), b.iterations());
        assertNotEquals(a.domainSequences(), c.domainSequences());
    }

    @Test
    void tooSmallKFailsClearly() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS.withK(3));
        assertFalse(design.passed());
        assertTrue(design.problems().get(0).startsWith("window uniqueness: k = 3 cannot work"),
                design.problems().toString());
    }

    @Test
    void toeholdsOfDifferentLengthsWithSpreadZeroFailClearly() {
        List<Domain> domains = new ArrayList<>();
        for (Domain d : SYSTEM.domains()) {
            domains.add(d.name().equals("x_a") ? new Domain(d.name(), 9, true)
                    : d.toehold() ? new Domain(d.name(), 3, true) : d);
        }
        DnaSystem mixed = new DnaSystem(SYSTEM.scheme(), SYSTEM.options(), SYSTEM.formal(), domains, SYSTEM.signals(),
                SYSTEM.fuels(), SYSTEM.intermediates(), SYSTEM.reactions(), SYSTEM.carriers(), SYSTEM.check());
        SequenceDesign design = SequenceDesigner.design(mixed, SETTINGS.withToeholdSpread(0.0));
        assertFalse(design.passed());
        assertTrue(design.problems().stream().anyMatch(p -> p.startsWith("toehold spread: no 0.00 kcal/mol window")),
                design.problems().toString());
    }

    @Test
    void checksCatchOneChangedBase() {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        Map<String, String> seqs = new LinkedHashMap<>(design.strandSequences());
        // the signal x: its x_b (bases 21..35) pairs with x_b* of the gate f1_gate
        String x = seqs.get("x");
        char old = x.charAt(25);
        char other = old == 'A' ? 'C' : 'A';
        seqs.put("x", x.substring(0, 25) + other + x.substring(26));
        SequenceChecks.Report report = SequenceChecks.check(SYSTEM, seqs, design.k(), StandInEnergy::deltaG,
                SETTINGS.toeholdSpreadKcal(), SETTINGS.minCFraction(), SETTINGS.maxCFraction());
        assertFalse(report.passed());
        SequenceChecks.Check duplex = report.check("intended duplexes");
        assertFalse(duplex.passed());
        assertTrue(duplex.failures().stream().anyMatch(f -> f.contains("strand x ")), duplex.failures().toString());
        assertFalse(report.check("strands and domains").passed());
    }

    @Test
    void filesAreWritten() throws Exception {
        SequenceDesign design = SequenceDesigner.design(SYSTEM, SETTINGS);
        SequenceChecks.Report report = SequenceFiles.write(design, dir);
        assertTrue(report.passed());
        List<String> domains = Files.readAllLines(dir.resolve(SequenceFiles.DOMAINS_FILE));
        assertEquals("domain,length,sequence,role", domains.get(0));
        assertEquals(SYSTEM.domains().size() + 1, domains.size());
        List<String> seqs = Files.readAllLines(dir.resolve(SequenceFiles.SEQUENCES_FILE));
        assertTrue(seqs.get(0).startsWith("strand,role,length_nt,sequence"));
        assertEquals(StrandTable.rows(SYSTEM, null).size() + 1, seqs.size());
        String checks = Files.readString(dir.resolve(SequenceFiles.CHECKS_FILE));
        assertTrue(checks.startsWith("sequence design: PASSED"), checks);
        assertTrue(checks.contains("k = " + design.k()) && checks.contains("seed = 1"), checks);
    }
}
