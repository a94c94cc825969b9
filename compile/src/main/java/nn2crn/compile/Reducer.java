package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnInput;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reduce step of Vasic et al. (Algorithm 2): while some unimolecular reaction {@code X -> P}
 * consumes a species X that no other reaction consumes, remove it, move X's initial amount onto
 * P and put P wherever X is produced (in reactions and in the input map). The final state is
 * unchanged because X would have turned into P anyway. What remains of a rate-independent CRN is
 * one bimolecular reaction per ReLU unit; product and input coefficients above 1 appear.
 */
public final class Reducer {

    private Reducer() {
    }

    public static Crn reduce(Crn crn) {
        Map<String, Double> initial = new LinkedHashMap<>();
        crn.species().forEach(s -> initial.put(s.name(), s.initial()));
        List<MutableReaction> reactions = new ArrayList<>();
        Map<String, Integer> consumers = new HashMap<>();
        Map<String, Set<MutableReaction>> producers = new HashMap<>();
        for (Reaction r : crn.reactions()) {
            MutableReaction m = new MutableReaction(r);
            reactions.add(m);
            m.reactants.keySet().forEach(s -> consumers.merge(s, 1, Integer::sum));
            m.products.keySet().forEach(s -> producers.computeIfAbsent(s, k -> new HashSet<>()).add(m));
        }
        List<Map<String, Long>> positive = new ArrayList<>();
        List<Map<String, Long>> negative = new ArrayList<>();
        for (CrnInput in : crn.inputs()) {
            positive.add(toMap(in.positive()));
            negative.add(toMap(in.negative()));
        }
        Set<String> outputs = new HashSet<>();
        for (CrnOutput out : crn.outputs()) {
            outputs.add(out.positive());
            if (out.negative() != null) {
                outputs.add(out.negative());
            }
        }

        boolean changed = true;
        while (changed) {
            changed = false;
            // Last reactions first: later layers' fan-outs are substituted before earlier ones copy them.
            for (int k = reactions.size() - 1; k >= 0; k--) {
                MutableReaction r = reactions.get(k);
                if (r.removed || r.reactants.size() != 1) {
                    continue;
                }
                Map.Entry<String, Long> only = r.reactants.entrySet().iterator().next();
                String x = only.getKey();
                if (only.getValue() != 1 || consumers.get(x) != 1 || outputs.contains(x) || r.products.containsKey(x)) {
                    continue;
                }
                double amount = initial.getOrDefault(x, 0.0);
                for (Map.Entry<String, Long> p : r.products.entrySet()) {
                    initial.merge(p.getKey(), p.getValue() * amount, Double::sum);
                }
                for (MutableReaction q : producers.getOrDefault(x, Set.of())) {
                    long c = q.products.remove(x);
                    r.products.forEach((p, n) -> {
                        q.products.merge(p, c * n, Long::sum);
                        producers.computeIfAbsent(p, s -> new HashSet<>()).add(q);
                    });
                }
                for (List<Map<String, Long>> rails : List.of(positive, negative)) {
                    for (Map<String, Long> targets : rails) {
                        Long c = targets.remove(x);
                        if (c != null) {
                            r.products.forEach((p, n) -> targets.merge(p, c * n, Long::sum));
                        }
                    }
                }
                r.products.keySet().forEach(p -> producers.get(p).remove(r));
                producers.remove(x);
                consumers.remove(x);
                initial.remove(x);
                r.removed = true;
                changed = true;
            }
        }

        Set<String> used = new HashSet<>(outputs);
        List<Reaction> kept = new ArrayList<>();
        for (MutableReaction r : reactions) {
            if (!r.removed) {
                kept.add(r.toReaction());
                used.addAll(r.reactants.keySet());
                used.addAll(r.products.keySet());
            }
        }
        // species in no reaction that are not outputs (an input rail whose weights are all 0) are inert: dropped
        List<CrnInput> inputs = new ArrayList<>();
        for (int i = 0; i < crn.inputs().size(); i++) {
            CrnInput in = crn.inputs().get(i);
            positive.get(i).keySet().retainAll(used);
            negative.get(i).keySet().retainAll(used);
            inputs.add(new CrnInput(in.feature(), in.name(), in.shift(), in.dualRail(), toTerms(positive.get(i)),
                    toTerms(negative.get(i))));
        }
        List<Species> species = new ArrayList<>();
        for (Species s : crn.species()) {
            if (initial.containsKey(s.name()) && used.contains(s.name())) {
                species.add(s.withInitial(initial.get(s.name())));
            }
        }
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        info.put("reduced", true);
        return new Crn(crn.name(), species, kept, inputs, crn.outputs(), info);
    }

    private static Map<String, Long> toMap(List<Term> terms) {
        Map<String, Long> map = new LinkedHashMap<>();
        terms.forEach(t -> map.merge(t.species(), (long) t.count(), Long::sum));
        return map;
    }

    private static List<Term> toTerms(Map<String, Long> map) {
        List<Term> terms = new ArrayList<>();
        map.forEach((s, n) -> terms.add(new Term(s, Math.toIntExact(n))));
        return terms;
    }

    private static final class MutableReaction {
        final Map<String, Long> reactants;
        final Map<String, Long> products;
        final double rate;
        final int layer;
        boolean removed;

        MutableReaction(Reaction r) {
            reactants = toMap(r.reactants());
            products = toMap(r.products());
            rate = r.rate();
            layer = r.layer();
        }

        Reaction toReaction() {
            return new Reaction(toTerms(reactants), toTerms(products), rate, layer);
        }
    }
}
