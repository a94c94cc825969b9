package nn2crn.dna;

import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Visual DSD program ({@code .dna}) with the system's initial species, for users of Microsoft's
 * DSD tool: toehold domains declared with the bind and unbind rates of our {@link RateModel},
 * every signal and fuel as a definition in DSD's segment notation ({@code {a^*}[b c^]<d e^>},
 * segments joined along the lower strand with {@code :}), and the initial mix. DSD enumerates the
 * reactions itself. Domain names get a {@code d_} prefix and definitions {@code S_}, {@code F_} or
 * {@code I_} (DSD reserves capitalised names for definitions).
 */
public final class VisualDsd {

    /** The output signals plotted at most. */
    static final int MAX_PLOTS = 40;

    private VisualDsd() {
    }

    public static String format(DnaSystem system, List<String> headerLines, double finalSeconds) {
        Map<String, Domain> domains = system.domainsByName();
        RateModel rates = system.options().rates();
        StringBuilder out = new StringBuilder();
        Kinds kinds = Kinds.of(system);
        for (String line : headerLines) {
            out.append("(* ").append(line.replace("*)", "* )")).append(" *)\n");
        }
        out.append(String.format(Locale.ROOT, "(* %s translation of CRN '%s'; concentrations in nM, time in seconds *)%n",
                system.scheme(), system.formal().name()));
        List<String> plots = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        system.formal().outputs().forEach(o -> {
            for (String rail : o.negative() == null ? List.of(o.positive()) : List.of(o.positive(), o.negative())) {
                for (String carrier : system.carriers().getOrDefault(rail, List.of())) {
                    if (plots.size() < MAX_PLOTS) {
                        plots.add(definition(kinds, carrier) + "()");
                    } else {
                        leftOut.add(carrier);
                    }
                }
            }
        });
        if (!leftOut.isEmpty()) {
            // a plot of hundreds of curves is unreadable and slow in the browser tool
            out.append(String.format(Locale.ROOT, "(* plots: the first %d output signals; %d left out: %s *)%n",
                    MAX_PLOTS, leftOut.size(), String.join(", ", leftOut)));
        }
        out.append(String.format(Locale.ROOT, "directive simulation { final=%s; points=1000; plots=[%s] }%n",
                CrnText.number(finalSeconds), String.join("; ", plots)));
        out.append("directive simulator deterministic\ndirective compilation infinite\n");
        out.append(String.format(Locale.ROOT, "directive parameters [kb = %s; ku = %s]%n",
                CrnText.number(rates.bindPerMolarSecond() * 1e-9), CrnText.number(rates.toeholdOpening())));
        for (Domain d : system.domains()) {
            if (d.toehold()) {
                out.append("dom ").append(name(d.name())).append(" = {bind=kb; unbind=ku}\n");
            }
        }
        List<String> mix = new ArrayList<>();
        for (List<DnaComplex> kind : List.of(system.signals(), system.fuels(), system.intermediates())) {
            for (DnaComplex c : kind) {
                out.append("def ").append(definition(kinds, c.name())).append("() = ").append(species(c, domains))
                        .append('\n');
                if (c.initialNm() > 0) {
                    mix.add(CrnText.number(c.initialNm()) + " " + definition(kinds, c.name()) + "()");
                }
            }
        }
        out.append("( ").append(String.join("\n| ", mix)).append(" )\n");
        return out.toString();
    }

    private static String definition(Kinds kinds, String complex) {
        String prefix = kinds.signals.contains(complex) ? "S_" : kinds.fuels.contains(complex) ? "F_" : "I_";
        return prefix + complex;
    }

    /** Which complexes are signals and fuels, looked up once (a design has tens of thousands). */
    private record Kinds(java.util.Set<String> signals, java.util.Set<String> fuels) {
        static Kinds of(DnaSystem system) {
            java.util.Set<String> signals = new java.util.HashSet<>();
            system.carriers().values().forEach(signals::addAll);
            java.util.Set<String> fuels = new java.util.HashSet<>();
            system.fuels().forEach(f -> fuels.add(f.name()));
            return new Kinds(signals, fuels);
        }
    }

    private static String name(String domain) {
        return "d_" + domain;
    }

    private static String domain(String token, Map<String, Domain> domains) {
        String base = Domain.base(token);
        Domain d = domains.get(base);
        return name(base) + (d != null && d.toehold() ? "^" : "") + (token.endsWith("*") ? "*" : "");
    }

    private static String strand(List<String> tokens, Map<String, Domain> domains) {
        return String.join(" ", tokens.stream().map(t -> domain(t, domains)).toList());
    }

    /**
     * A complex in segment notation. It must be one lower strand with upper strands bound along it
     * (every complex of the soloveichik2010 scheme is): the lower strand is read 3' to 5', left to
     * right, and each run of it bound to one upper strand becomes a double segment.
     */
    static String species(DnaComplex complex, Map<String, Domain> domains) {
        List<List<String>> strands = complex.strands();
        if (strands.size() == 1 && complex.kernel().stream().noneMatch(t -> t.endsWith("(") || t.equals(")"))) {
            return "<" + strand(strands.get(0), domains) + ">";
        }
        // locate every domain (strand, position) and its partner
        List<int[]> positions = new ArrayList<>();
        Map<Integer, Integer> partner = new HashMap<>();
        java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
        int strand = 0;
        int index = 0;
        for (String token : complex.kernel()) {
            if (token.equals("+")) {
                strand++;
                index = 0;
                continue;
            }
            int here = positions.size();
            positions.add(new int[]{strand, index++});
            if (token.endsWith("(")) {
                open.push(here);
            } else if (token.equals(")")) {
                int other = open.pop();
                partner.put(here, other);
                partner.put(other, here);
            }
        }
        List<String> tokens = complex.kernel().stream().filter(t -> !t.equals("+")).toList();
        int lower = -1;
        for (int p = 0; p < tokens.size(); p++) {
            if (tokens.get(p).equals(")")) {
                if (lower >= 0 && lower != positions.get(p)[0]) {
                    throw new CrnException("complex " + complex.name() + " has more than one lower strand: no DSD segment form");
                }
                lower = positions.get(p)[0];
            }
        }
        if (lower < 0) {
            throw new CrnException("complex " + complex.name() + " has no lower strand: no DSD segment form");
        }
        List<String> domainTokens = tokens.stream().map(t -> t.endsWith("(") ? t.substring(0, t.length() - 1) : t).toList();
        List<Integer> lowerPositions = new ArrayList<>();
        for (int p = 0; p < positions.size(); p++) {
            if (positions.get(p)[0] == lower) {
                lowerPositions.add(p);
            }
        }
        java.util.Collections.reverse(lowerPositions); // 3' to 5': DSD's left to right
        StringBuilder out = new StringBuilder();
        List<String> pendingLower = new ArrayList<>();
        int k = 0;
        boolean first = true;
        while (k < lowerPositions.size()) {
            int p = lowerPositions.get(k);
            if (!partner.containsKey(p)) {
                pendingLower.add(domain(tokens.get(p), domains)); // unpaired, so never a ')'

                k++;
                continue;
            }
            int upperStrand = positions.get(partner.get(p))[0];
            List<Integer> run = new ArrayList<>();
            while (k < lowerPositions.size() && partner.containsKey(lowerPositions.get(k))
                    && positions.get(partner.get(lowerPositions.get(k)))[0] == upperStrand) {
                run.add(partner.get(lowerPositions.get(k)));
                k++;
            }
            if (!first) {
                out.append(':');
            }
            first = false;
            if (!pendingLower.isEmpty()) {
                out.append('{').append(String.join(" ", pendingLower)).append('}');
                pendingLower.clear();
            }
            List<Integer> upper = new ArrayList<>();
            for (int q = 0; q < positions.size(); q++) {
                if (positions.get(q)[0] == upperStrand) {
                    upper.add(q);
                }
            }
            int firstPaired = upper.indexOf(run.get(0));
            int lastPaired = upper.indexOf(run.get(run.size() - 1));
            if (firstPaired > 0) {
                out.append('<').append(strand(upper.subList(0, firstPaired).stream().map(domainTokens::get).toList(), domains))
                        .append('>');
            }
            out.append('[').append(strand(run.stream().map(domainTokens::get).toList(), domains)).append(']');
            if (lastPaired < upper.size() - 1) {
                out.append('<').append(strand(upper.subList(lastPaired + 1, upper.size()).stream().map(domainTokens::get)
                        .toList(), domains)).append('>');
            }
        }
        if (!pendingLower.isEmpty()) {
            out.append('{').append(String.join(" ", pendingLower)).append('}');
        }
        return out.toString();
    }
}
