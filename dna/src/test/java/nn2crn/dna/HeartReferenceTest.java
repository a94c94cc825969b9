package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our soloveichik2010 translation of the authors' heart CRN against Nuskell 0.8 + Peppercorn 1.1
 * ({@code shared/fixtures/dsd-heart}): the same counts, and condensed reactions that correspond one
 * to one, rate constants included.
 */
class HeartReferenceTest {

    static DnaSystem heart() {
        Crn heart = CrnText.read(Fixtures.dir().resolve("heart.crn"));
        return DnaTranslation.translate(heart, "soloveichik2010", DnaOptions.DEFAULT);
    }

    @Test
    void countsEqualNuskellsAndPeppercorns() {
        DnaCost cost = heart().cost();
        assertEquals(84, cost.signals());
        assertEquals(80, cost.fuels());
        assertEquals(124, cost.intermediates());
        assertEquals(96, cost.condensedReactions());
        assertEquals(200, cost.strands());
        assertEquals(8680, cost.nucleotides());

        Pil.File reference = Pil.read(Fixtures.dir("dsd-heart").resolve("heart-soloveichik2010-enumerated.pil"));
        assertEquals(288, reference.complexes().size());
        assertEquals(96, reference.reactions().size());
    }

    /**
     * Names differ (Nuskell's {@code f12}, {@code i394} against ours), so the correspondence is found
     * by refining labels: a species starts as its kind (a signal also as its formal species), then,
     * round by round, takes on the labels of the reactions it is in. Equal multisets of reaction
     * labels and of species classes after the rounds mean the two networks match reaction for
     * reaction up to names.
     */
    @Test
    void condensedReactionsCorrespondOneToOneWithTheReference() {
        DnaSystem ours = heart();
        Map<String, String> ourLabels = new HashMap<>();
        ours.signals().forEach(c -> ourLabels.put(c.name(), "signal " + c.formal()));
        ours.fuels().forEach(c -> ourLabels.put(c.name(), "fuel"));
        ours.intermediates().forEach(c -> ourLabels.put(c.name(), "intermediate"));

        Pil.File reference = Pil.read(Fixtures.dir("dsd-heart").resolve("heart-soloveichik2010-enumerated.pil"));
        Map<String, String> theirLabels = new HashMap<>();
        for (String name : reference.complexes().keySet()) {
            // Nuskell prefixes formal species with Q (names may not start with f, i, w) and numbers variants X_1_
            theirLabels.put(name, name.startsWith("Q") ? "signal " + name.substring(1).replaceFirst("_\\d+_$", "")
                    : name.startsWith("f") ? "fuel" : "intermediate");
        }
        List<String> ourReactions = null;
        List<String> theirReactions = null;
        for (int round = 0; round < 8; round++) {
            ourReactions = signatures(ours.reactions(), ourLabels);
            theirReactions = signatures(reference.reactions(), theirLabels);
            refine(ours.reactions(), ourLabels);
            refine(reference.reactions(), theirLabels);
        }
        assertEquals(theirReactions.stream().sorted().toList(), ourReactions.stream().sorted().toList());
        assertEquals(classSizes(theirLabels), classSizes(ourLabels));
        long classes = ourLabels.values().stream().distinct().count();
        assertTrue(classes > 250, "the refinement tells almost every one of the 288 species apart: " + classes);
    }

    /** Each reaction as its sorted reactant and product labels and its rate to 3 digits. */
    private static List<String> signatures(List<CondensedReaction> reactions, Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        for (CondensedReaction r : reactions) {
            out.add(r.reactants().stream().map(labels::get).sorted().toList() + " -> "
                    + r.products().stream().map(labels::get).sorted().toList()
                    + String.format(java.util.Locale.ROOT, " %.3g", r.rate()));
        }
        return out;
    }

    private static void refine(List<CondensedReaction> reactions, Map<String, String> labels) {
        List<String> signatures = signatures(reactions, labels);
        Map<String, List<String>> seen = new HashMap<>();
        for (int k = 0; k < reactions.size(); k++) {
            for (String s : reactions.get(k).reactants()) {
                seen.computeIfAbsent(s, x -> new ArrayList<>()).add("in " + signatures.get(k));
            }
            for (String s : reactions.get(k).products()) {
                seen.computeIfAbsent(s, x -> new ArrayList<>()).add("out " + signatures.get(k));
            }
        }
        Map<String, String> next = new HashMap<>();
        labels.forEach((species, label) -> next.put(species, Integer.toHexString((label + seen.getOrDefault(species,
                List.of()).stream().sorted().toList()).hashCode())));
        labels.putAll(next);
    }

    private static Map<Integer, Integer> classSizes(Map<String, String> labels) {
        Map<String, Integer> sizes = new HashMap<>();
        labels.values().forEach(l -> sizes.merge(l, 1, Integer::sum));
        Map<Integer, Integer> histogram = new TreeMap<>();
        sizes.values().forEach(s -> histogram.merge(s, 1, Integer::sum));
        return histogram;
    }
}
