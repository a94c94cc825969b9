package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnText;
import nn2crn.network.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our soloveichik2010 designs of the three small CRNs of {@code shared/fixtures/dsd-general}
 * against Peppercorn 1.1's enumeration of the same complexes: the implementation CRN must hold
 * exactly the condensed reactions Peppercorn finds, rate for rate. Complexes are matched by
 * structure (their kernel, rotated to one canonical strand order), so the names may differ.
 */
class GeneralReferenceTest {

    @TempDir
    Path dir;

    static Crn formal(String name) {
        return CrnText.read(Fixtures.dir("dsd-general").resolve(name + "-formal.crn"));
    }

    /** g1 (a species consumed before it is produced) and g2 (a source, 2 K -> L, zero products). */
    @ParameterizedTest
    @ValueSource(strings = {"g1", "g2"})
    void implementationCrnEqualsPeppercornsEnumerationOfOurComplexes(String name) {
        DnaSystem ours = DnaTranslation.translate(formal(name), "soloveichik2010", DnaOptions.DEFAULT);
        assertTrue(ours.check().reordered().isEmpty(), "no reactant order to change in " + name);
        assertTrue(ours.check().crossTalkFree());
        Pil.File reference = Pil.read(Fixtures.dir("dsd-general").resolve(name + "-nn2crn-design-enumerated.pil"));
        // every resting macrostate of these two is a single complex
        reference.macrostates().values().forEach(members -> assertEquals(1, members.size(), members.toString()));

        Map<String, String> ourShapes = new HashMap<>();
        ours.complexes().forEach(c -> ourShapes.put(c.name(), canonical(c.kernel())));
        Map<String, String> theirShapes = new HashMap<>();
        reference.complexes().forEach((n, kernel) -> theirShapes.put(n, canonical(kernel)));
        assertEquals(sorted(theirShapes.values()), sorted(ourShapes.values()), name + ": the same resting complexes");

        List<String> ourReactions = ours.reactions().stream().map(r -> signature(r, ourShapes)).sorted().toList();
        List<String> theirReactions = reference.reactions().stream().map(r -> signature(r, theirShapes)).sorted()
                .toList();
        assertEquals(theirReactions, ourReactions, name + ": the same condensed reactions and rates");
    }

    @Test
    void g1HasTheStepsOfEveryVariantWhateverTheReactionOrder() {
        DnaSystem g1 = DnaTranslation.translate(formal("g1"), "soloveichik2010", DnaOptions.DEFAULT);
        // README of the fixture: 4 + 2 + 2 + 4 steps
        assertEquals(12, g1.reactions().size());
        assertEquals(32, g1.complexes().size());
        // H_1_ and E_1_ are made by reaction 3 and consumed by reaction 1, which is listed first
        assertTrue(g1.reactions().stream().anyMatch(r -> r.reactants().contains("H_1_")));
        assertTrue(g1.reactions().stream().anyMatch(r -> r.reactants().contains("E_1_")));
    }

    /**
     * g3's design as written cross-talks (crnverifier says it is not a correct implementation); the
     * default translation builds its two bimolecular gates the other way round, which the rule
     * finds free of the pattern, and says so.
     */
    @Test
    void g3IsFlaggedAsWrittenAndReorderedByDefault() {
        DnaSystem written = DnaTranslation.translate(formal("g3"), "soloveichik2010",
                DnaOptions.DEFAULT.withKeepReactantOrder(true));
        assertFalse(written.check().crossTalkFree());
        assertEquals(2, written.check().crossTalk().size());
        assertTrue(written.check().verdict().startsWith("NOT a correct implementation"), written.check().verdict());
        assertEquals(2, written.cost().crossTalkPairs());
        // the pathway steps Peppercorn finds beside the 38 cross-talk reactions (fixture README)
        assertEquals(11, written.reactions().size());
        assertTrue(written.cost().warnings().contains(written.check().verdict()));

        DnaSystem reordered = DnaTranslation.translate(formal("g3"), "soloveichik2010", DnaOptions.DEFAULT);
        assertTrue(reordered.check().crossTalkFree(), reordered.check().verdict());
        assertEquals(2, reordered.check().reordered().size());
        assertTrue(reordered.check().reordered().get(0).contains("built as E + D"), reordered.check().reordered().get(0));
        assertTrue(reordered.check().reordered().get(1).contains("built as H + D"), reordered.check().reordered().get(1));
        // E + D: 2 exchanges for each of E_1_, E_2_, a displacement each by D, a translation; H + D: 4; D -> E + H: 2
        assertEquals(13, reordered.reactions().size());
    }

    /** The manifest carries the verdict, so it is seen before anyone orders the strands. */
    @Test
    void theManifestCarriesTheDesignCheck() throws Exception {
        DnaSystem written = DnaTranslation.translate(formal("g3"), "soloveichik2010",
                DnaOptions.DEFAULT.withKeepReactantOrder(true));
        DnaFiles.write(written, List.of("g3 as written"), null, dir);
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("NOT a correct implementation"), manifest);
    }

    /**
     * Our PIL, read by the rules of dsdobjects' grammar ({@code dsdparser/pil_parser.py}) and of the
     * tools that load it: every line a statement of the grammar, every name in a reaction a declared
     * macrostate of declared complexes, every domain with a length, and names that Nuskell classifies
     * right (f fuel, i intermediate, w waste, anything else a signal).
     */
    @ParameterizedTest
    @ValueSource(strings = {"g1", "g2", "g3", "misread"})
    void pilFollowsTheGrammarAndNamingOfTheFieldsTools(String name) throws Exception {
        Crn crn = name.equals("misread") ? CrnText.parse("""
                iris @initial 1
                w0 @initial 1
                f2 @initial 0.5
                iris + w0 -> f2 + Fox
                f2 -> 2 iris
                """, "misread.crn", "misread") : formal(name);
        DnaSystem system = DnaTranslation.translate(crn, "soloveichik2010", DnaOptions.DEFAULT);
        Path file = dir.resolve(name + ".pil");
        nn2crn.io.AtomicFiles.writeString(file, Pil.format(system, List.of("grammar test")));
        PilGrammar.check(file);

        Pil.File read = Pil.read(file);
        for (CondensedReaction r : read.reactions()) {
            for (String species : concat(r.reactants(), r.products())) {
                assertTrue(read.macrostates().containsKey(species), "macrostate declared: " + species);
            }
        }
        read.macrostates().values().forEach(members -> members.forEach(m -> assertTrue(read.complexes()
                .containsKey(m), "complex declared: " + m)));
        for (List<String> kernel : read.complexes().values()) {
            for (String token : kernel) {
                String domain = token.replaceAll("[()*+]", "");
                assertTrue(domain.isEmpty() || read.lengths().containsKey(domain), "length of " + domain);
            }
        }
        system.signals().forEach(s -> assertFalse(s.name().matches("(?i)[fiw].*"), "signal read as a signal: "
                + s.name()));
        system.fuels().forEach(f -> assertTrue(f.name().startsWith("f"), "fuel: " + f.name()));
        system.intermediates().forEach(c -> assertTrue(c.name().matches("[iw].*"), "intermediate or waste: "
                + c.name()));
        if (name.equals("misread")) {
            assertEquals("s_iris", system.check().renamedSignals().get("iris"));
            assertEquals("s_w0", system.check().renamedSignals().get("w0"));
            assertEquals("s_f2", system.check().renamedSignals().get("f2"));
            // either case, to be safe with any reader
            assertEquals("s_Fox", system.check().renamedSignals().get("Fox"));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return values.stream().sorted().toList();
    }

    /** Reactants and products by structure, and the rate constant to 4 digits (relative 1e-3 and better). */
    private static String signature(CondensedReaction r, Map<String, String> shapes) {
        List<String> in = r.reactants().stream().map(n -> require(shapes, n)).sorted().toList();
        List<String> out = r.products().stream().map(n -> require(shapes, n)).sorted().toList();
        return String.join(" + ", in) + " -> " + String.join(" + ", out) + " @ "
                + String.format(java.util.Locale.ROOT, "%.4g", r.rate());
    }

    private static String require(Map<String, String> shapes, String name) {
        String shape = shapes.get(name);
        assertNotNull(shape, "complex " + name);
        return shape;
    }

    /**
     * A kernel as text, with its strands rotated to the lexicographically smallest order, the
     * brackets redrawn for that order: the same complex written from another strand reads the same.
     */
    static String canonical(List<String> kernel) {
        List<List<String>> strands = new ArrayList<>();
        List<String> strand = new ArrayList<>();
        Map<String, String> pairs = new HashMap<>(); // "s:i" <-> "s:j"
        Deque<String> open = new ArrayDeque<>();
        for (String token : kernel) {
            if (token.equals("+")) {
                strands.add(strand);
                strand = new ArrayList<>();
            } else if (token.equals(")")) {
                String partner = open.pop();
                String here = strands.size() + ":" + strand.size();
                pairs.put(partner, here);
                pairs.put(here, partner);
                strand.add(complement(domainAt(strands, strand, partner)));
            } else if (token.endsWith("(")) {
                open.push(strands.size() + ":" + strand.size());
                strand.add(token.substring(0, token.length() - 1));
            } else {
                strand.add(token);
            }
        }
        strands.add(strand);
        TreeMap<String, Integer> byText = new TreeMap<>();
        for (int k = 0; k < strands.size(); k++) {
            byText.put(render(strands, pairs, k), k);
        }
        return byText.firstKey();
    }

    private static String domainAt(List<List<String>> done, List<String> current, String position) {
        String[] p = position.split(":");
        int s = Integer.parseInt(p[0]);
        int i = Integer.parseInt(p[1]);
        return (s == done.size() ? current : done.get(s)).get(i);
    }

    private static String complement(String domain) {
        return domain.endsWith("*") ? domain.substring(0, domain.length() - 1) : domain + "*";
    }

    /** The complex in dot-bracket kernel text, starting from strand {@code first}. */
    private static String render(List<List<String>> strands, Map<String, String> pairs, int first) {
        int n = strands.size();
        Map<String, Integer> order = new HashMap<>();
        int position = 0;
        for (int k = 0; k < n; k++) {
            int s = (first + k) % n;
            for (int i = 0; i < strands.get(s).size(); i++) {
                order.put(s + ":" + i, position++);
            }
        }
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < n; k++) {
            int s = (first + k) % n;
            if (k > 0) {
                text.append(" +");
            }
            for (int i = 0; i < strands.get(s).size(); i++) {
                String here = s + ":" + i;
                String partner = pairs.get(here);
                text.append(' ');
                if (partner == null) {
                    text.append(strands.get(s).get(i));
                } else if (order.get(partner) > order.get(here)) {
                    text.append(strands.get(s).get(i)).append('(');
                } else {
                    text.append(')');
                }
            }
        }
        return text.toString().strip();
    }
}
