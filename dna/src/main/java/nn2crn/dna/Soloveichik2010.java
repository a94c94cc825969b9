package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The translation of Soloveichik, Seelig and Winfree, "DNA as a universal substrate for chemical
 * kinetics", PNAS 2010, with the domain layout of Nuskell's {@code soloveichik2010} scheme and
 * rate constants after Peppercorn's model ({@link RateModel}).
 *
 * <p>Each formal species X is a signal strand {@code h a b c}: a history domain, a toehold, a
 * long domain and a toehold. A formal reaction with reactants s_0..s_{n-1} (n = 1 or 2, counted
 * with stoichiometry) and products P_1..P_m (each copy separately) becomes:
 * <ul>
 * <li>a gate L: a bottom strand {@code y* x* (a_1* c_0* b_0*) a_0*} holding the output strand
 *     {@code x y d_1 a(P_1) .. d_m a(P_m)} (x, y the last reactant's long domain and second
 *     toehold) and, for two reactants, a helper strand {@code b_0 c_0 a_1};</li>
 * <li>for two reactants, the helper strand alone as a fuel (it makes the first step reversible);</li>
 * <li>a translator T: a bottom strand {@code a(P_m)* d_m* .. a(P_1)* d_1* y*} holding the product
 *     strands {@code d_k a b c}, each a signal of P_k whose history domain d_k is new.</li>
 * </ul>
 * The signals of X are therefore its variants {@code X_1_, X_2_, ..}, one per product occurrence
 * of X, which differ only in their history domain; a species that no reaction produces has one
 * signal {@code X} with its own history domain. A formal species' concentration is the sum of its
 * variants. Its initial amount is put on its first signal, the same molecule a reaction would make,
 * so no extra strand has to be designed.
 *
 * <p>The condensed reactions, for each signal variant v (and w of the second reactant):
 * {@code v + L -> O + W_v} (one reactant) or {@code v + L <=> helper + I_v} and
 * {@code I_v + w -> O + W_vw} (two), then {@code O + T -> P_1 .. P_m + W_T}. A reaction without
 * reactants is driven by a fuel signal of its own, as in Nuskell; one without products has no
 * translator (its output strand is waste).
 */
final class Soloveichik2010 {

    static final String ID = "soloveichik2010";

    private final Crn formal;
    private final DnaOptions options;
    private final RateModel rates;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final List<DnaComplex> signals = new ArrayList<>();
    private final List<DnaComplex> fuels = new ArrayList<>();
    private final List<DnaComplex> intermediates = new ArrayList<>();
    private final List<CondensedReaction> reactions = new ArrayList<>();
    /** per formal species: its signals, in order of creation */
    private final Map<String, List<DnaComplex>> variants = new LinkedHashMap<>();

    private Soloveichik2010(Crn formal, DnaOptions options) {
        this.formal = formal;
        this.options = options;
        this.rates = options.rates();
    }

    static DnaSystem translate(Crn formal, DnaOptions options) {
        return new Soloveichik2010(formal, options).run();
    }

    /** The three domains of a formal species' signal after its history domain. */
    private record SignalDomains(String a, String b, String c) {
    }

    private SignalDomains domainsOf(String species) {
        return new SignalDomains(species + "_a", species + "_b", species + "_c");
    }

    private void domain(String name, boolean toehold) {
        Domain d = new Domain(name, toehold ? options.toeholdNt() : options.domainNt(), toehold);
        Domain old = domains.putIfAbsent(name, d);
        if (old != null && !old.equals(d)) {
            throw new CrnException("domain name " + name + " is used twice: rename the species");
        }
    }

    private DnaSystem run() {
        List<Reaction> formalReactions = formal.reactions();
        Map<String, Integer> produced = new HashMap<>();
        for (Reaction r : formalReactions) {
            if (r.order() > 2) {
                throw new CrnException("reaction " + (formalReactions.indexOf(r) + 1) + " has " + r.order()
                        + " reactants; the " + ID + " scheme implements reactions with at most two");
            }
            for (Term t : r.products()) {
                produced.merge(t.species(), t.count(), Integer::sum);
            }
        }
        // species in reactions, and those present or read out even if in none (a constant output)
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Reaction r : formalReactions) {
            r.reactants().forEach(t -> used.add(t.species()));
            r.products().forEach(t -> used.add(t.species()));
        }
        formal.species().stream().filter(s -> s.initial() > 0).forEach(s -> used.add(s.name()));
        formal.outputs().forEach(o -> {
            used.add(o.positive());
            if (o.negative() != null) {
                used.add(o.negative());
            }
        });
        // signal domains of every formal species, and the signal of each one no reaction produces
        for (Species s : formal.species()) {
            if (!used.contains(s.name())) {
                continue; // in no reaction: nothing to build
            }
            SignalDomains d = domainsOf(s.name());
            domain(d.a(), true);
            domain(d.b(), false);
            domain(d.c(), true);
            variants.put(s.name(), new ArrayList<>());
            if (!produced.containsKey(s.name())) {
                String history = s.name() + "_h";
                domain(history, false);
                addSignal(s.name(), s.name(), history);
            }
        }
        for (int r = 0; r < formalReactions.size(); r++) {
            reaction(r, formalReactions.get(r));
        }
        // the formal initial amounts, on each species' first signal
        Map<String, Double> initial = new HashMap<>();
        for (Species s : formal.species()) {
            if (s.initial() != 0 && variants.containsKey(s.name())) {
                initial.put(variants.get(s.name()).get(0).name(), s.initial() * options.unitNm());
            }
        }
        List<DnaComplex> placed = new ArrayList<>();
        for (DnaComplex c : signals) {
            placed.add(initial.containsKey(c.name()) ? c.withInitial(initial.get(c.name())) : c);
        }
        Map<String, List<String>> carriers = new LinkedHashMap<>();
        variants.forEach((species, list) -> carriers.put(species, list.stream().map(DnaComplex::name).toList()));
        return new DnaSystem(ID, options, formal, List.copyOf(domains.values()), placed, fuels, intermediates, reactions,
                carriers);
    }

    private DnaComplex addSignal(String formalSpecies, String name, String history) {
        SignalDomains d = domainsOf(formalSpecies);
        DnaComplex signal = new DnaComplex(name, DnaComplex.Kind.SIGNAL, List.of(history, d.a(), d.b(), d.c()), 0,
                formalSpecies, -1);
        signals.add(signal);
        variants.get(formalSpecies).add(signal);
        return signal;
    }

    /** A reactant of the gate: its domains and the signals that can play it. */
    private record Input(SignalDomains domains, List<DnaComplex> signals) {
    }

    private void reaction(int r, Reaction reaction) {
        String p = "r" + (r + 1);
        List<Input> inputs = new ArrayList<>();
        for (Term t : reaction.reactants()) {
            for (int k = 0; k < t.count(); k++) {
                inputs.add(new Input(domainsOf(t.species()), variants.get(t.species())));
            }
        }
        if (inputs.isEmpty()) {
            // nothing to trigger the gate: a fuel signal of its own does, at the fuel concentration
            SignalDomains d = new SignalDomains(p + "_source_a", p + "_source_b", p + "_source_c");
            domain(p + "_source_h", false);
            domain(d.a(), true);
            domain(d.b(), false);
            domain(d.c(), true);
            DnaComplex source = fuel(p + "_source", List.of(p + "_source_h", d.a(), d.b(), d.c()), r);
            inputs.add(new Input(d, List.of(source)));
        }
        // the products, each copy a new signal variant with a new history domain
        List<String> productHistory = new ArrayList<>();
        List<SignalDomains> productDomains = new ArrayList<>();
        List<String> productSignals = new ArrayList<>();
        for (Term t : reaction.products()) {
            for (int k = 0; k < t.count(); k++) {
                String history = p + "_d" + (productHistory.size() + 1);
                domain(history, false);
                productHistory.add(history);
                productDomains.add(domainsOf(t.species()));
                String name = t.species() + "_" + (variants.get(t.species()).size() + 1) + "_";
                productSignals.add(addSignal(t.species(), name, history).name());
            }
        }
        int n = inputs.size();
        SignalDomains last = inputs.get(n - 1).domains();
        String x = last.b();
        String y = last.c();

        // the output strand: x y d_1 a(P_1) .. d_m a(P_m)
        List<String> outputStrand = new ArrayList<>(List.of(x, y));
        for (int k = 0; k < productHistory.size(); k++) {
            outputStrand.add(productHistory.get(k));
            outputStrand.add(productDomains.get(k).a());
        }
        // the gate: helpers b_i( c_i( a_{i+1}( +, then x( y( g.. +, closings, a_0*
        List<String> gate = new ArrayList<>();
        List<DnaComplex> helpers = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            SignalDomains si = inputs.get(i).domains();
            String next = inputs.get(i + 1).domains().a();
            gate.addAll(List.of(si.b() + "(", si.c() + "(", next + "(", "+"));
            helpers.add(fuel(p + "_helper" + (n > 2 ? Integer.toString(i + 1) : ""), List.of(si.b(), si.c(), next), r));
        }
        gate.addAll(List.of(x + "(", y + "("));
        gate.addAll(outputStrand.subList(2, outputStrand.size()));
        gate.addAll(List.of("+", ")", ")"));
        for (int i = 0; i < n - 1; i++) {
            gate.addAll(List.of(")", ")", ")"));
        }
        gate.add(Domain.complement(inputs.get(0).domains().a()));
        DnaComplex gateComplex = fuel(p + "_gate", gate, r);
        DnaComplex translator = null;
        if (!productHistory.isEmpty()) {
            List<String> t = new ArrayList<>();
            for (int k = 0; k < productHistory.size(); k++) {
                SignalDomains d = productDomains.get(k);
                t.addAll(List.of(productHistory.get(k) + "(", d.a() + "(", d.b(), d.c(), "+"));
            }
            for (int k = 0; k < productHistory.size(); k++) {
                t.addAll(List.of(")", ")"));
            }
            t.add(Domain.complement(y));
            translator = fuel(p + "_translator", t, r);
        }
        DnaComplex output = intermediate("i" + (r + 1) + "_output", outputStrand, r);

        double displace = rates.displacement();
        if (n == 1) {
            for (DnaComplex v : inputs.get(0).signals()) {
                DnaComplex waste = intermediate("w" + (r + 1) + "_gate_" + v.name(), bound(v), r);
                reactions.add(new CondensedReaction(List.of(v.name(), gateComplex.name()),
                        List.of(output.name(), waste.name()), displace, r, "gate"));
            }
        } else {
            SignalDomains second = inputs.get(1).domains();
            for (DnaComplex v : inputs.get(0).signals()) {
                // v bound where the helper was; the second reactant's toehold a_1* is now open
                List<String> bound = new ArrayList<>(bound(v).subList(0, 4));
                bound.add("+");
                bound.addAll(List.of(x + "(", y + "("));
                bound.addAll(outputStrand.subList(2, outputStrand.size()));
                bound.addAll(List.of("+", ")", ")", Domain.complement(second.a()), ")", ")", ")"));
                DnaComplex opened = intermediate("i" + (r + 1) + "_gate_" + v.name(), bound, r);
                reactions.add(new CondensedReaction(List.of(v.name(), gateComplex.name()),
                        List.of(helpers.get(0).name(), opened.name()), rates.exchange(), r, "exchange"));
                reactions.add(new CondensedReaction(List.of(helpers.get(0).name(), opened.name()),
                        List.of(v.name(), gateComplex.name()), rates.exchange(), r, "exchange-back"));
                for (DnaComplex w : inputs.get(1).signals()) {
                    List<String> both = new ArrayList<>(bound(v).subList(0, 4));
                    both.add("+");
                    both.addAll(bound(w).subList(0, 4));
                    both.addAll(List.of("+", ")", ")", ")", ")", ")", ")"));
                    DnaComplex waste = intermediate("w" + (r + 1) + "_gate_" + v.name() + "_" + w.name(), both, r);
                    reactions.add(new CondensedReaction(List.of(opened.name(), w.name()),
                            List.of(output.name(), waste.name()), displace, r, "displace"));
                }
            }
        }
        DnaComplex translatorWaste = null;
        if (translator != null) {
            List<String> spent = new ArrayList<>(List.of(x, y + "("));
            for (int k = 0; k < productHistory.size(); k++) {
                spent.add(productHistory.get(k) + "(");
                spent.add(productDomains.get(k).a() + "(");
            }
            spent.add("+");
            for (int k = 0; k < 2 * productHistory.size() + 1; k++) {
                spent.add(")");
            }
            translatorWaste = intermediate("w" + (r + 1) + "_translator", spent, r);
            List<String> products = new ArrayList<>(productSignals);
            products.add(translatorWaste.name());
            reactions.add(new CondensedReaction(List.of(output.name(), translator.name()), products, displace, r,
                    "translate"));
        }
        if (options.leakRate() > 0 || options.gateLeak() > 0) {
            // the gate without its output strand, as if a signal had triggered it
            List<String> triggered = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                triggered.addAll(gate.subList(4 * i, 4 * i + 4));
            }
            triggered.addAll(List.of(Domain.complement(y), Domain.complement(x)));
            for (int i = 0; i < n - 1; i++) {
                triggered.addAll(List.of(")", ")", ")"));
            }
            triggered.add(Domain.complement(inputs.get(0).domains().a()));
            double initiallyTriggered = options.fuelNm() * options.gateLeak();
            DnaComplex spentGate = intermediate("w" + (r + 1) + "_gate_triggered", triggered, r, initiallyTriggered);
            if (initiallyTriggered > 0) {
                replace(fuels, gateComplex.withInitial(options.fuelNm() - initiallyTriggered));
                replace(intermediates, output.withInitial(initiallyTriggered));
            }
            if (options.leakRate() > 0 && translator != null) {
                // the gate and its translator react without a signal, at rate leakRate [L][T]
                List<String> leakProducts = new ArrayList<>(productSignals);
                leakProducts.add(spentGate.name());
                leakProducts.add(translatorWaste.name());
                reactions.add(new CondensedReaction(List.of(gateComplex.name(), translator.name()), leakProducts,
                        options.leakRate(), r, "leak"));
            }
        }
    }

    /** A signal's strand with its a, b, c paired to a bottom strand: {@code h a( b( c( + ) ) )}. */
    private static List<String> bound(DnaComplex signal) {
        List<String> k = signal.kernel();
        return List.of(k.get(0), k.get(1) + "(", k.get(2) + "(", k.get(3) + "(", "+", ")", ")", ")");
    }

    private DnaComplex fuel(String name, List<String> kernel, int r) {
        DnaComplex c = new DnaComplex(name, DnaComplex.Kind.FUEL, kernel, options.fuelNm(), null, r);
        fuels.add(c);
        return c;
    }

    private DnaComplex intermediate(String name, List<String> kernel, int r) {
        return intermediate(name, kernel, r, 0);
    }

    private DnaComplex intermediate(String name, List<String> kernel, int r, double initialNm) {
        DnaComplex c = new DnaComplex(name, DnaComplex.Kind.INTERMEDIATE, kernel, initialNm, null, r);
        intermediates.add(c);
        return c;
    }

    private static void replace(List<DnaComplex> list, DnaComplex updated) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(updated.name())) {
                list.set(i, updated);
                return;
            }
        }
        throw new IllegalStateException("no complex " + updated.name());
    }
}
