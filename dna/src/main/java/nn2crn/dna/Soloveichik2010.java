package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
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
 * The translation of Soloveichik, Seelig and Winfree, "DNA as a universal substrate for chemical
 * kinetics", PNAS 2010, with the domain layout of Nuskell's {@code soloveichik2010} scheme and
 * rate constants after Peppercorn's model ({@link RateModel}).
 *
 * <p>Each formal species X is a signal strand {@code h a b c}: a history domain, a toehold, a
 * long domain and a toehold. A formal reaction with reactants s_0..s_{n-1} (n = 1 or 2, counted
 * with stoichiometry, in the order {@link ReactantOrder} chooses) and products P_1..P_m (each copy
 * separately) becomes:
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
 * so no extra strand has to be designed. Every variant is made before any gate, so each gate
 * reacts with every variant of its reactants whatever the order of the reactions.
 *
 * <p>Names follow Nuskell's reading of PIL: fuels {@code f<r>_gate}, {@code f<r>_helper},
 * {@code f<r>_translator} and {@code f<r>_source}, intermediates {@code i<r>_...}, wastes
 * {@code w<r>_...}; signals are named after their formal species ({@link SignalNames}).
 *
 * <p>The condensed reactions, for each signal variant v (and w of the second reactant):
 * {@code v + L -> O + W_v} (one reactant) or {@code v + L <=> helper + I_v} and
 * {@code I_v + w -> O + W_vw} (two), then {@code O + T -> P_1 .. P_m + W_T}. A reaction without
 * reactants is driven by a fuel signal of its own, as in Nuskell; one without products has no
 * translator (its output strand is waste).
 *
 * <p>Rates: every gate is at the fuel concentration, so every reaction runs at the same formal rate,
 * except that a bimolecular reaction slower than the fastest formal one (rate k against k_max) gets
 * its helper strand at k_max / k times the fuel concentration. Its first step
 * {@code v + L <=> helper + I_v} then stands further back, {@code [I_v] = [v][L] / [helper]}, and the
 * reaction runs at k / k_max of the others' rate (Soloveichik et al. set such ratios through the
 * same equilibrium); the gate's concentration, and so how often the reaction can fire, stays the
 * fuel's.
 *
 * <p>Reporters: when the formal CRN has a single-species read-out (subtract or wta), each read-out
 * species gets a fluorophore-quencher {@link Reporter} at the fuel concentration, fuel
 * {@code f<species>_reporter}: {@code v + R -> F_v + Q} for each signal variant v, F_v shining. A
 * subtract read-out's reporters are added at the read time ({@link Reporter#atReadTime}).
 */
final class Soloveichik2010 {

    static final String ID = "soloveichik2010";

    private final Crn formal;
    private final DnaOptions options;
    private final RateModel rates;
    private final ReactantOrder.Choice order;
    private SignalNames signalNames;
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final List<DnaComplex> signals = new ArrayList<>();
    private final List<DnaComplex> fuels = new ArrayList<>();
    private final List<DnaComplex> intermediates = new ArrayList<>();
    private final List<CondensedReaction> reactions = new ArrayList<>();
    /** per formal species: its signals, in order of creation */
    private final Map<String, List<DnaComplex>> variants = new LinkedHashMap<>();
    /** the fastest formal rate constant: the one every gate at the fuel concentration runs at */
    private double fastest = 1;
    /** per formal reaction: part of the read-out stage ({@link ReadoutStage}) */
    private final boolean[] readoutStage;

    private Soloveichik2010(Crn formal, DnaOptions options) {
        this.formal = formal;
        this.options = options;
        this.rates = options.rates();
        this.order = ReactantOrder.choose(formal.reactions(), options.keepReactantOrder());
        this.readoutStage = ReadoutStage.reactions(formal);
    }

    static DnaSystem translate(Crn formal, DnaOptions options) {
        return new Soloveichik2010(formal, options).run();
    }

    /**
     * The longest strand that a reaction with this many product copies needs: its gate's output
     * strand {@code x y d_1 a_1 .. d_m a_m}, (l + t)(m + 1) nt, or its translator's bottom strand,
     * (l + t) m + t nt.
     */
    static long longestStrandNt(int productCopies, DnaOptions options) {
        long lt = options.toeholdNt() + options.domainNt();
        return Math.max(lt * (productCopies + 1), productCopies == 0 ? 0 : lt * productCopies + options.toeholdNt());
    }

    /**
     * The longest strand whatever the products: a bimolecular gate's bottom strand
     * {@code y* x* a_1* c_0* b_0* a_0*}, 2l + 4t nt.
     */
    static long fixedStrandNt(DnaOptions options) {
        return 2L * options.domainNt() + 4L * options.toeholdNt();
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
            for (Term t : r.products()) {
                produced.merge(t.species(), t.count(), Integer::sum);
            }
        }
        // species in reactions, and those present or read out even if in none (a constant output)
        Set<String> used = new HashSet<>();
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
        signalNames = SignalNames.of(formal.species().stream().map(Species::name).toList(), used);
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
                addSignal(s.name(), signalNames.of(s.name()), history);
            }
        }
        // every signal variant first, so that each gate is built for all the variants of its
        // reactants, whatever the order of the reactions
        List<List<ProductCopy>> products = new ArrayList<>();
        for (int r = 0; r < formalReactions.size(); r++) {
            products.add(productCopies(r, formalReactions.get(r)));
        }
        fastest = formalReactions.stream().mapToDouble(Reaction::rate).max().orElse(1);
        for (int r = 0; r < formalReactions.size(); r++) {
            reaction(r, order.inputs().get(r), products.get(r));
        }
        List<Reporter> reporters = reporters();
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
                carriers, DesignCheck.of(formal, order, signalNames.renamed(), options.keepReactantOrder()), reporters);
    }

    /** Species read through reporters: the outputs of a single-species read-out (subtract, wta). */
    private List<String> reportedSpecies() {
        Object readout = formal.info().get("readout");
        if (!"subtract".equals(readout) && !"wta".equals(readout)) {
            return List.of();
        }
        return formal.outputs().stream().filter(o -> o.negative() == null && variants.containsKey(o.positive()))
                .map(nn2crn.crn.CrnOutput::positive).toList();
    }

    private List<Reporter> reporters() {
        List<Reporter> reporters = new ArrayList<>();
        for (String species : reportedSpecies()) {
            SignalDomains d = domainsOf(species);
            String name = "f" + signalNames.of(species) + "_reporter";
            DnaComplex reporter = new DnaComplex(name, DnaComplex.Kind.FUEL,
                    List.of(d.b() + "(", "+", ")", Domain.complement(d.a())), options.fuelNm(), null, -1);
            fuels.add(reporter);
            DnaComplex quencher = intermediate("w" + signalNames.of(species) + "_reporter_quencher", List.of(d.b()), -1);
            List<String> fluorescent = new ArrayList<>();
            for (DnaComplex v : variants.get(species)) {
                List<String> k = v.kernel();
                DnaComplex shining = intermediate("w" + signalNames.of(species) + "_reporter_" + v.name(),
                        List.of(k.get(0), k.get(1) + "(", k.get(2) + "(", k.get(3), "+", ")", ")"), -1);
                fluorescent.add(shining.name());
                reactions.add(new CondensedReaction(List.of(v.name(), name), List.of(shining.name(), quencher.name()),
                        rates.displacement(), -1, "report"));
            }
            reporters.add(new Reporter(species, name, fluorescent, quencher.name(), "subtract".equals(formal.info()
                    .get("readout"))));
        }
        return reporters;
    }

    private DnaComplex addSignal(String formalSpecies, String name, String history) {
        SignalDomains d = domainsOf(formalSpecies);
        DnaComplex signal = new DnaComplex(name, DnaComplex.Kind.SIGNAL, List.of(history, d.a(), d.b(), d.c()), 0,
                formalSpecies, -1);
        signals.add(signal);
        variants.get(formalSpecies).add(signal);
        return signal;
    }

    /** One copy of a product: its domains, its history domain and the signal variant it becomes. */
    private record ProductCopy(SignalDomains domains, String history, String signal) {
    }

    /** The products of reaction r, each copy a new signal variant with a new history domain. */
    private List<ProductCopy> productCopies(int r, Reaction reaction) {
        List<ProductCopy> copies = new ArrayList<>();
        for (Term t : reaction.products()) {
            for (int k = 0; k < t.count(); k++) {
                String history = "r" + (r + 1) + "_d" + (copies.size() + 1);
                domain(history, false);
                String name = signalNames.of(t.species()) + "_" + (variants.get(t.species()).size() + 1) + "_";
                copies.add(new ProductCopy(domainsOf(t.species()), history, addSignal(t.species(), name, history).name()));
            }
        }
        return copies;
    }

    /** A reactant of the gate: its domains and the signals that can play it. */
    private record Input(SignalDomains domains, List<DnaComplex> signals) {
    }

    private void reaction(int r, List<String> reactants, List<ProductCopy> products) {
        String fuelPrefix = "f" + (r + 1);
        List<Input> inputs = new ArrayList<>();
        for (String species : reactants) {
            inputs.add(new Input(domainsOf(species), variants.get(species)));
        }
        if (inputs.isEmpty()) {
            // nothing to trigger the gate: a fuel signal of its own does, at the fuel concentration
            // domains are named r<r>_.. as every domain of reaction r; the complex is a fuel, f<r>_source
            String domains = "r" + (r + 1) + "_source";
            SignalDomains d = new SignalDomains(domains + "_a", domains + "_b", domains + "_c");
            domain(domains + "_h", false);
            domain(d.a(), true);
            domain(d.b(), false);
            domain(d.c(), true);
            DnaComplex signal = fuel(fuelPrefix + "_source", List.of(domains + "_h", d.a(), d.b(), d.c()), r);
            inputs.add(new Input(d, List.of(signal)));
        }
        int n = inputs.size();
        SignalDomains last = inputs.get(n - 1).domains();
        String x = last.b();
        String y = last.c();

        // the output strand: x y d_1 a(P_1) .. d_m a(P_m)
        List<String> outputStrand = new ArrayList<>(List.of(x, y));
        for (ProductCopy p : products) {
            outputStrand.add(p.history());
            outputStrand.add(p.domains().a());
        }
        // the gate: helpers b_i( c_i( a_{i+1}( +, then x( y( g.. +, closings, a_0*
        List<String> gate = new ArrayList<>();
        List<DnaComplex> helpers = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            SignalDomains si = inputs.get(i).domains();
            String next = inputs.get(i + 1).domains().a();
            gate.addAll(List.of(si.b() + "(", si.c() + "(", next + "(", "+"));
            DnaComplex helper = fuel(fuelPrefix + "_helper" + (n > 2 ? Integer.toString(i + 1) : ""),
                    List.of(si.b(), si.c(), next), r);
            double rate = formal.reactions().get(r).rate();
            if (rate < fastest && rate > 0) {
                // a slower reaction: the first step's equilibrium held back by more helper
                helper = helper.withInitial(fuelNm(r) * fastest / rate);
                replace(fuels, helper);
            }
            helpers.add(helper);
        }
        gate.addAll(List.of(x + "(", y + "("));
        gate.addAll(outputStrand.subList(2, outputStrand.size()));
        gate.addAll(List.of("+", ")", ")"));
        for (int i = 0; i < n - 1; i++) {
            gate.addAll(List.of(")", ")", ")"));
        }
        gate.add(Domain.complement(inputs.get(0).domains().a()));
        DnaComplex gateComplex = fuel(fuelPrefix + "_gate", gate, r);
        DnaComplex translator = null;
        if (!products.isEmpty()) {
            List<String> t = new ArrayList<>();
            for (ProductCopy p : products) {
                t.addAll(List.of(p.history() + "(", p.domains().a() + "(", p.domains().b(), p.domains().c(), "+"));
            }
            for (int k = 0; k < products.size(); k++) {
                t.addAll(List.of(")", ")"));
            }
            t.add(Domain.complement(y));
            translator = fuel(fuelPrefix + "_translator", t, r);
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
            for (ProductCopy p : products) {
                spent.add(p.history() + "(");
                spent.add(p.domains().a() + "(");
            }
            spent.add("+");
            for (int k = 0; k < 2 * products.size() + 1; k++) {
                spent.add(")");
            }
            translatorWaste = intermediate("w" + (r + 1) + "_translator", spent, r);
            List<String> made = new ArrayList<>(products.stream().map(ProductCopy::signal).toList());
            made.add(translatorWaste.name());
            reactions.add(new CondensedReaction(List.of(output.name(), translator.name()), made, displace, r,
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
            double initiallyTriggered = fuelNm(r) * options.gateLeak();
            DnaComplex spentGate = intermediate("w" + (r + 1) + "_gate_triggered", triggered, r, initiallyTriggered);
            if (initiallyTriggered > 0) {
                replace(fuels, gateComplex.withInitial(fuelNm(r) - initiallyTriggered));
                replace(intermediates, output.withInitial(initiallyTriggered));
            }
            if (options.leakRate() > 0 && translator != null) {
                // the gate and its translator react without a signal, at rate leakRate [L][T]
                List<String> leakProducts = new ArrayList<>(products.stream().map(ProductCopy::signal).toList());
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

    /** The concentration of reaction r's fuels: the read-out stage's, or the others'. */
    private double fuelNm(int r) {
        return readoutStage[r] ? options.readoutFuelNm() : options.fuelNm();
    }

    private DnaComplex fuel(String name, List<String> kernel, int r) {
        DnaComplex c = new DnaComplex(name, DnaComplex.Kind.FUEL, kernel, fuelNm(r), null, r);
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
