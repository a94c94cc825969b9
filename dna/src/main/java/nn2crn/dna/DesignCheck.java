package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.Reaction;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the translation found out about its own design before anything is written: the reactions
 * whose reactants it took in another order than written (to avoid cross-talk), the cross-talk it
 * could not avoid (by {@link ReactantOrder}'s rule for this scheme), and the signals it renamed so
 * that Nuskell reads them as signals.
 *
 * @param reordered      one sentence per reaction taken in the other order
 * @param crossTalk      one sentence per remaining instance of the cross-talk pattern
 * @param renamedSignals formal species to the name of its signals, where they differ
 * @param keptWrittenOrder whether the reactants were taken as written ({@code --keep-reactant-order})
 */
public record DesignCheck(List<String> reordered, List<String> crossTalk, Map<String, String> renamedSignals,
                          boolean keptWrittenOrder) {

    public DesignCheck {
        reordered = List.copyOf(reordered);
        crossTalk = List.copyOf(crossTalk);
        renamedSignals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renamedSignals));
    }

    static DesignCheck of(Crn formal, ReactantOrder.Choice order, Map<String, String> renamed, boolean keptWrittenOrder) {
        List<Reaction> reactions = formal.reactions();
        List<ReactantOrder.CrossTalk> written = ReactantOrder.choose(reactions, true).patterns();
        List<String> reordered = new ArrayList<>();
        for (int r : order.swapped()) {
            // a swap removes a pattern where the reaction is the look-alike helper's, or the gate's
            int at = r;
            ReactantOrder.CrossTalk avoided = written.stream().filter(p -> p.bimolecular() == at).findFirst()
                    .orElse(written.stream().filter(p -> p.gate() == at).findFirst().orElse(null));
            String built = String.format("reaction %d (%s) is built as %s", r + 1, text(reactions.get(r)),
                    String.join(" + ", order.inputs().get(r)));
            if (avoided == null) {
                reordered.add(built + " to avoid cross-talk");
            } else if (avoided.bimolecular() == r) {
                reordered.add(String.format("%s: with %s first, the output strand of reaction %d's gate (%s) would look "
                                + "like its helper and cross-talk", built, avoided.first(), avoided.gate() + 1,
                        text(reactions.get(avoided.gate()))));
            } else {
                reordered.add(String.format("%s: with %s last, its gate's output strand would look like the helper of "
                                + "reaction %d (%s) and cross-talk", built, avoided.first(), avoided.bimolecular() + 1,
                        text(reactions.get(avoided.bimolecular()))));
            }
        }
        List<String> crossTalk = new ArrayList<>();
        for (ReactantOrder.CrossTalk p : order.patterns()) {
            crossTalk.add(String.format("the output strand of reaction %d's gate (%s) looks like the helper of reaction %d "
                            + "(%s: %s first, %s a product of the gate)", p.gate() + 1, text(reactions.get(p.gate())),
                    p.bimolecular() + 1, text(reactions.get(p.bimolecular())), p.first(), p.second()));
        }
        return new DesignCheck(reordered, crossTalk, renamed, keptWrittenOrder);
    }

    /** Whether no known cross-talk remains (a rule for this scheme, not an enumeration of the strands). */
    public boolean crossTalkFree() {
        return crossTalk.isEmpty();
    }

    /** One line for the command's output and the manifest. */
    public String verdict() {
        if (crossTalkFree()) {
            return "no cross-talk of the scheme's known pattern (a rule, not an enumeration of the strands' reactions)";
        }
        return "NOT a correct implementation of its CRN: " + crossTalk.size() + " gate pair"
                + (crossTalk.size() == 1 ? "" : "s") + " cross-talk (" + crossTalk.get(0)
                + (crossTalk.size() > 1 ? "; ..." : "") + "); "
                + (keptWrittenOrder ? "the reactants were kept in the written order (leave out --keep-reactant-order "
                + "to let the translation reorder them)" : "no order of the reactants avoids it") + ": do not order it";
    }

    /** JSON-ready, for the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict());
        m.put("cross_talk_free", crossTalkFree());
        m.put("cross_talk", crossTalk);
        m.put("reordered_reactions", reordered);
        m.put("renamed_signals", renamedSignals);
        return m;
    }

    private static String text(Reaction r) {
        return side(r.reactants()) + " -> " + side(r.products());
    }

    private static String side(List<Term> terms) {
        return terms.isEmpty() ? "0" : terms.stream().map(t -> t.count() == 1 ? t.species() : t.count() + " " + t.species())
                .collect(Collectors.joining(" + "));
    }
}
