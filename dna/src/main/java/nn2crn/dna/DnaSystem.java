package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnInput;
import nn2crn.crn.Implementation;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.SpeciesRole;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A domain-level strand-displacement system that implements a formal CRN: its domains, complexes
 * (signals, fuels, intermediates and wastes), condensed reactions, and which signals carry each
 * formal species.
 *
 * @param formal   the CRN it implements
 * @param carriers per formal species, the names of its signals
 * @param check    what the translation found about its own design (reordered reactants, cross-talk)
 * @param reporters the fluorophore-quencher reporters of the read-out species (their complexes are among
 *                  the fuels); empty for a dual-rail read-out, which is read as two species per class
 */
public record DnaSystem(String scheme, DnaOptions options, Crn formal, List<Domain> domains, List<DnaComplex> signals,
                        List<DnaComplex> fuels, List<DnaComplex> intermediates, List<CondensedReaction> reactions,
                        Map<String, List<String>> carriers, DesignCheck check, List<Reporter> reporters) {

    /** Without reporters. */
    public DnaSystem(String scheme, DnaOptions options, Crn formal, List<Domain> domains, List<DnaComplex> signals,
                     List<DnaComplex> fuels, List<DnaComplex> intermediates, List<CondensedReaction> reactions,
                     Map<String, List<String>> carriers, DesignCheck check) {
        this(scheme, options, formal, domains, signals, fuels, intermediates, reactions, carriers, check, List.of());
    }

    public DnaSystem {
        domains = List.copyOf(domains);
        signals = List.copyOf(signals);
        fuels = List.copyOf(fuels);
        intermediates = List.copyOf(intermediates);
        reactions = List.copyOf(reactions);
        carriers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(carriers));
        reporters = List.copyOf(reporters);
    }

    public List<DnaComplex> complexes() {
        List<DnaComplex> all = new ArrayList<>(signals);
        all.addAll(fuels);
        all.addAll(intermediates);
        return all;
    }

    public Map<String, Domain> domainsByName() {
        Map<String, Domain> m = new LinkedHashMap<>();
        domains.forEach(d -> m.put(d.name(), d));
        return m;
    }

    /** Length in nucleotides of a strand given as domain names. */
    public long length(List<String> strand) {
        return length(strand, domainsByName());
    }

    /** Length in nucleotides of a strand, given the domains by name. */
    public static long length(List<String> strand, Map<String, Domain> byName) {
        long nt = 0;
        for (String d : strand) {
            nt += byName.get(Domain.base(d)).length();
        }
        return nt;
    }

    /** Distinct strands among the signals and fuels, in order of first appearance. */
    public Set<List<String>> strands() {
        Set<List<String>> strands = new LinkedHashSet<>();
        for (List<DnaComplex> kind : List.of(signals, fuels)) {
            for (DnaComplex c : kind) {
                strands.addAll(c.strands());
            }
        }
        return strands;
    }

    public DnaCost cost() {
        Map<String, Domain> byName = domainsByName();
        Set<List<String>> strands = strands();
        long nt = strands.stream().mapToLong(s -> length(s, byName)).sum();
        int largest = fuels.stream().mapToInt(c -> c.strands().size()).max().orElse(0);
        double totalFuel = fuels.stream().mapToDouble(DnaComplex::initialNm).sum();
        Map<Integer, Set<Integer>> formalByLayer = new TreeMap<>();
        Map<Integer, Integer> fuelsByLayer = new HashMap<>();
        Map<Integer, Set<List<String>>> strandsByLayer = new HashMap<>();
        Map<Integer, Integer> reactionsByLayer = new HashMap<>();
        for (DnaComplex f : fuels) {
            int layer = layerOf(f.formalReaction());
            formalByLayer.computeIfAbsent(layer, l -> new HashSet<>()).add(f.formalReaction());
            fuelsByLayer.merge(layer, 1, Integer::sum);
            strandsByLayer.computeIfAbsent(layer, l -> new LinkedHashSet<>()).addAll(f.strands());
        }
        for (CondensedReaction r : reactions) {
            reactionsByLayer.merge(layerOf(r.formalReaction()), 1, Integer::sum);
        }
        List<DnaCost.Layer> layers = new ArrayList<>();
        formalByLayer.forEach((layer, formalReactions) -> layers.add(new DnaCost.Layer(layer, formalReactions.size(),
                fuelsByLayer.getOrDefault(layer, 0), strandsByLayer.get(layer).size(),
                strandsByLayer.get(layer).stream().mapToLong(s -> length(s, byName)).sum(),
                reactionsByLayer.getOrDefault(layer, 0))));
        long[] lengths = strands.stream().mapToLong(s -> length(s, byName)).toArray();
        long longest = java.util.Arrays.stream(lengths).max().orElse(0);
        int over100 = (int) java.util.Arrays.stream(lengths).filter(l -> l > 100).count();
        int over200 = (int) java.util.Arrays.stream(lengths).filter(l -> l > 200).count();
        int overLimit = (int) java.util.Arrays.stream(lengths).filter(l -> l > options.maxStrandNt()).count();
        List<String> warnings = new ArrayList<>();
        if (overLimit > 0) {
            warnings.add(String.format(Locale.ROOT, "%,d strand%s longer than %d nt (the longest %,d nt), beyond what oligo "
                            + "synthesis makes: --max-strand-nt %d caps the CRN's fan-out so that none is (the final state "
                            + "stays the same); training with network.max_fanout keeps the accuracy with fewer products",
                    overLimit, overLimit == 1 ? " is" : "s are", options.maxStrandNt(), longest, options.maxStrandNt()));
        }
        if (!check.crossTalkFree()) {
            warnings.add(check.verdict());
        }
        if (strands.size() > DnaCost.BUILT_STRANDS) {
            warnings.add(String.format(Locale.ROOT, "%,d distinct strands: beyond what has been built (a few hundred; "
                    + "about %d for the largest gate arrays)", strands.size(), DnaCost.BUILT_STRANDS));
        }
        if (!uniformUnimolecularRates()) {
            warnings.add("the formal CRN has unimolecular reactions with rate constants other than the fastest "
                    + "reaction's, which this translation does not implement (their gates are at the fuel "
                    + "concentration; a bimolecular reaction's rate is set by its helper's): the DNA-level kinetics are "
                    + "not the formal CRN's, and a CRN whose function depends on its rates (smooth-relu) does not "
                    + "compute it");
        }
        return new DnaCost(signals.size(), fuels.size(), intermediates.size(), reactions.size(), strands.size(), nt,
                largest, longest, over100, over200, check.crossTalk().size(), totalFuel, layers, warnings);
    }

    /** Whether every reaction with fewer than two reactants runs at the fastest formal rate. */
    private boolean uniformUnimolecularRates() {
        double fastest = formal.reactions().stream().mapToDouble(Reaction::rate).max().orElse(1);
        return formal.reactions().stream().filter(r -> r.reactants().stream().mapToInt(Term::count).sum() < 2)
                .allMatch(r -> r.rate() == fastest);
    }

    private int layerOf(int formalReaction) {
        return formalReaction < 0 ? -1 : formal.reactions().get(formalReaction).layer();
    }

    /**
     * The implementation CRN: every complex a species (concentrations in nM), every condensed
     * reaction a mass-action reaction (rate constants in /nM/s, time in seconds). Its inputs and
     * outputs name formal species, carried by their signals; one network unit is
     * {@link DnaOptions#unitNm()} nM. Inputs on formal species without a signal (in no reaction)
     * are dropped: they change nothing.
     */
    public Crn toCrn() {
        Map<String, Integer> formalLayer = new HashMap<>();
        formal.species().forEach(s -> formalLayer.put(s.name(), s.layer()));
        Set<String> addedLater = new HashSet<>();
        reporters.stream().filter(Reporter::atReadTime).forEach(r -> addedLater.add(r.complex()));
        List<Species> species = new ArrayList<>();
        for (DnaComplex c : complexes()) {
            SpeciesRole role = switch (c.kind()) {
                case SIGNAL -> SpeciesRole.SIGNAL;
                case FUEL -> SpeciesRole.FUEL;
                case INTERMEDIATE -> SpeciesRole.INTERMEDIATE;
            };
            int layer = c.kind() == DnaComplex.Kind.SIGNAL ? formalLayer.getOrDefault(c.formal(), -1)
                    : layerOf(c.formalReaction());
            // a reporter added at the read time is not there while the circuit computes
            species.add(new Species(c.name(), addedLater.contains(c.name()) ? 0 : c.initialNm(), role, layer));
        }
        List<Reaction> crnReactions = new ArrayList<>();
        for (CondensedReaction r : reactions) {
            crnReactions.add(new Reaction(terms(r.reactants()), terms(r.products()), r.rate(), layerOf(r.formalReaction())));
        }
        // read through the reporters where there are any: what a plate reader sees, in network units
        Map<String, List<String>> read = new LinkedHashMap<>(carriers);
        List<nn2crn.crn.CrnOutput> outputs = new ArrayList<>();
        Map<String, Reporter> reporterOf = new HashMap<>();
        reporters.forEach(r -> reporterOf.put(r.species(), r));
        for (nn2crn.crn.CrnOutput out : formal.outputs()) {
            Reporter p = reporterOf.get(out.positive());
            Reporter n = out.negative() == null ? null : reporterOf.get(out.negative());
            if (p == null || p.atReadTime() || (out.negative() != null && n == null)) {
                // no reporter, or one added at the read time: it then shows what the signals hold
                outputs.add(out);
                continue;
            }
            read.put(Reporter.fluorescenceOf(p.species()), p.fluorescent());
            if (n != null) {
                read.put(Reporter.fluorescenceOf(n.species()), n.fluorescent());
            }
            outputs.add(new nn2crn.crn.CrnOutput(out.name(), Reporter.fluorescenceOf(p.species()),
                    n == null ? null : Reporter.fluorescenceOf(n.species())));
        }
        List<CrnInput> inputs = new ArrayList<>();
        for (CrnInput in : formal.inputs()) {
            inputs.add(new CrnInput(in.feature(), in.name(), in.shift(), in.dualRail(), carried(in.positive()),
                    carried(in.negative())));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("scheme", scheme);
        info.put("implements", formal.name());
        info.put("formal_scheme", formal.info().getOrDefault("scheme", "unknown"));
        if (reporters.stream().anyMatch(r -> !r.atReadTime())) {
            info.put("read_through", "fluorophore-quencher reporters: each output is its reporters' fluorescent "
                    + "complexes, in network units");
        } else if (!reporters.isEmpty()) {
            info.put("read_through", "the read-out signals: the reporters are added at the read time (at 0 here) and "
                    + "show within a minute what the signals hold then");
        }
        for (String key : java.util.List.of("readout", "readout_offset", "wta_level")) {
            if (formal.info().containsKey(key)) {
                info.put(key, formal.info().get(key)); // a subtract read-out's outputs reach max(y + c, 0)
            }
        }
        if (formal.info().containsKey("eps")) {
            info.put("eps", formal.info().get("eps")); // what the outputs of a smooth-relu CRN should reach
        }
        info.put("unit_nM", options.unitNm());
        info.put("fuel_nM", options.fuelNm());
        info.put("readout_fuel_nM", options.readoutFuelNm());
        info.put("toehold_nt", options.toeholdNt());
        info.put("domain_nt", options.domainNt());
        info.put("leak_rate_per_nM_s", options.leakRate());
        info.put("gate_leak", options.gateLeak());
        info.put("units", "concentrations in nM, rate constants in /nM/s, time in seconds");
        return new Crn(formal.name() + "-dna", species, crnReactions, inputs, outputs, info,
                new Implementation(options.unitNm(), "nM", read));
    }

    private List<Term> carried(List<Term> terms) {
        return terms.stream().filter(t -> carriers.containsKey(t.species())).toList();
    }

    private static List<Term> terms(List<String> names) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(n -> counts.merge(n, 1, Integer::sum));
        List<Term> terms = new ArrayList<>();
        counts.forEach((n, c) -> terms.add(new Term(n, c)));
        return terms;
    }
}
