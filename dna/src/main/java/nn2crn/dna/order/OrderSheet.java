package nn2crn.dna.order;

import nn2crn.crn.CrnException;
import nn2crn.dna.DnaComplex;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.StrandTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What to order from an oligo vendor for a sequenced design: every distinct strand with its
 * sequence, synthesis scale and purification, placed on 96-well plates (filled column-wise: A1,
 * B1, ..., H1, A2, ...) or, where a purification group does not fill enough of a plate, in tubes.
 *
 * <p>Purification: a strand that is part of a complex of two or more strands (a gate, a translator,
 * with their outputs, helpers and pre-bound products) is PAGE-purified, because a truncated strand
 * in such a complex leaves a toehold or branch-migration domain open and the gate leaks; a strand
 * that is only ever used on its own (an input or bias signal, a fuel signal) is desalted.
 *
 * @param plates   each plate's wells in order
 * @param tubes    strands ordered in tubes
 * @param lines    every strand, plate or tube, in order
 * @param settings what the sheet was made with (scales, prices)
 */
public record OrderSheet(List<Plate> plates, List<Line> tubes, List<Line> lines, Settings settings) {

    /** Purification of strands in multi-strand complexes. */
    public static final String PAGE = "PAGE";
    /** Purification of strands used on their own. */
    public static final String DESALTED = "Standard Desalting";
    public static final int WELLS = 96;
    private static final String ROWS = "ABCDEFGH";

    /**
     * @param minPlateFill  a purification group's last plate is ordered as a plate from this many
     *                      strands on; fewer go in tubes
     * @param pricePerNt    price of one nucleotide, or null (no cost is computed)
     * @param purificationPrice price per strand of each purification, for the cost (missing: 0)
     * @param currency      the prices' currency, as the user names it
     */
    public record Settings(int minPlateFill, Double pricePerNt, Map<String, Double> purificationPrice,
                           String currency) {
        public static final Settings DEFAULT = new Settings(24, null, Map.of(), "");

        public Settings {
            purificationPrice = Map.copyOf(purificationPrice);
            if (minPlateFill < 1 || minPlateFill > WELLS) {
                throw new IllegalArgumentException("minimum plate fill must be 1 to " + WELLS + ", is " + minPlateFill);
            }
        }
    }

    /**
     * One strand to order.
     *
     * @param plate 1-based plate number, 0 for a tube
     * @param well  e.g. "A1", empty for a tube
     */
    public record Line(String name, String sequence, String role, String purification, String scale, int plate,
                       String well, String fivePrimeModification, String threePrimeModification) {
        public int lengthNt() {
            return sequence.length();
        }
    }

    /** One plate: its purification and scale ("PAGE, 100nm") and its lines, in well order. */
    public record Plate(int number, String purification, List<Line> wells) {
    }

    /**
     * Synthesis scale by length (a default table in the style of the large vendors' standard and
     * long-oligo products; check your vendor's): up to 60 nt 25 nmol, up to 100 nt 100 nmol, up to
     * 200 nt a 4 nmol long-oligo synthesis; beyond 200 nt no single oligo is made.
     */
    static String scale(int lengthNt, String name, String purification) {
        // PAGE loses most of a synthesis: vendors offer it from 100 nmol on
        if (lengthNt <= 60 && !PAGE.equals(purification)) {
            return "25nm";
        }
        if (lengthNt <= 100) {
            return "100nm";
        }
        if (lengthNt <= 200) {
            return "4nmU";
        }
        throw new CrnException("strand " + name + " is " + lengthNt + " nt, beyond what oligo synthesis makes (200 nt): "
                + "nn2crn dna --max-strand-nt 200 caps the fan-out so that no strand is longer");
    }

    /**
     * @param sequences strand name (as in {@link StrandTable}) to its sequence, 5' to 3'
     */
    public static OrderSheet make(DnaSystem system, Map<String, String> sequences, Settings settings) {
        return make(system, sequences, settings, Map.of());
    }

    /**
     * @param modifications strand name to its 5' and 3' modifications (the reporters' dyes and
     *                      quenchers, {@link nn2crn.dna.readout.AliquotPlan#modifications}); others none
     */
    public static OrderSheet make(DnaSystem system, Map<String, String> sequences, Settings settings,
                                  Map<String, List<String>> modifications) {
        Map<String, Integer> strandsPerComplex = new LinkedHashMap<>();
        for (DnaComplex c : system.complexes()) {
            strandsPerComplex.put(c.name(), c.strands().size());
        }
        // every strand checked before anything is placed
        List<StrandTable.Row> rows = StrandTable.rows(system, null);
        Map<String, List<Line>> byPurification = new TreeMap<>();
        for (StrandTable.Row row : rows) {
            String sequence = sequences.get(row.name());
            if (sequence == null) {
                throw new CrnException("strand " + row.name() + " has no sequence");
            }
            if (sequence.length() != row.lengthNt()) {
                throw new CrnException("strand " + row.name() + " has a " + sequence.length() + "-nt sequence for "
                        + row.lengthNt() + " nt of domains");
            }
            boolean inComplex = row.complexes().keySet().stream().anyMatch(c -> strandsPerComplex.getOrDefault(c, 1) > 1);
            List<String> mods = modifications.getOrDefault(row.name(), List.of("", ""));
            String purification = inComplex ? PAGE : DESALTED;
            String scale = scale(sequence.length(), row.name(), purification);
            // a plate is ordered at one scale and one purification
            byPurification.computeIfAbsent(purification + " " + scale, p -> new ArrayList<>()).add(new Line(row.name(),
                    sequence, row.role(), purification, scale, 0, "", mods.get(0), mods.get(1)));
        }
        List<Plate> plates = new ArrayList<>();
        List<Line> tubes = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        // PAGE first: the plates with most of the design
        List<String> order = new ArrayList<>(byPurification.keySet());
        order.sort((a, b) -> a.startsWith(PAGE) != b.startsWith(PAGE) ? (a.startsWith(PAGE) ? -1 : 1) : a.compareTo(b));
        for (String purificationAndScale : order) {
            List<Line> group = byPurification.get(purificationAndScale);
            for (int start = 0; start < group.size(); start += WELLS) {
                List<Line> chunk = group.subList(start, Math.min(group.size(), start + WELLS));
                if (chunk.size() < settings.minPlateFill() && start + WELLS >= group.size()) {
                    chunk.forEach(l -> tubes.add(l));
                    continue;
                }
                int number = plates.size() + 1;
                List<Line> wells = new ArrayList<>();
                for (int k = 0; k < chunk.size(); k++) {
                    Line l = chunk.get(k);
                    wells.add(new Line(l.name(), l.sequence(), l.role(), l.purification(), l.scale(), number, well(k),
                            l.fivePrimeModification(), l.threePrimeModification()));
                }
                plates.add(new Plate(number, chunk.get(0).purification() + ", " + chunk.get(0).scale(), wells));
                lines.addAll(wells);
            }
        }
        lines.addAll(tubes);
        return new OrderSheet(plates, tubes, lines, settings);
    }

    /** The k-th well (0-based) of a plate filled column-wise. */
    static String well(int k) {
        return ROWS.charAt(k % 8) + Integer.toString(k / 8 + 1);
    }

    public long nucleotides() {
        return lines.stream().mapToLong(Line::lengthNt).sum();
    }

    /** Strands per purification. */
    public Map<String, Long> strandsByPurification() {
        return lines.stream().collect(Collectors.groupingBy(Line::purification, TreeMap::new, Collectors.counting()));
    }

    /** The cost from the user's prices, or null when none were given. */
    public Double cost() {
        if (settings.pricePerNt() == null && settings.purificationPrice().isEmpty()) {
            return null;
        }
        double perNt = settings.pricePerNt() == null ? 0 : settings.pricePerNt();
        double total = 0;
        for (Line l : lines) {
            total += perNt * l.lengthNt() + settings.purificationPrice().getOrDefault(l.purification(), 0.0);
        }
        return total;
    }

    /** Lines for the command's output and the order's summary. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%,d strands, %,d nt: %d plate%s of %d wells, %d in tubes", lines.size(),
                nucleotides(), plates.size(), plates.size() == 1 ? "" : "s", WELLS, tubes.size()));
        strandsByPurification().forEach((p, n) -> out.add(String.format(Locale.ROOT, "  %s: %,d strands", p, n)));
        Map<String, Long> scales = lines.stream().collect(Collectors.groupingBy(Line::scale, TreeMap::new,
                Collectors.counting()));
        out.add("  synthesis scales: " + scales.entrySet().stream().map(e -> e.getKey() + " x " + e.getValue())
                .collect(Collectors.joining(", ")));
        Double cost = cost();
        out.add(cost == null ? "  cost: not computed (give --price-per-nt and --price-purification with your vendor's prices)"
                : String.format(Locale.ROOT, "  cost: %,.2f %s from the prices given", cost, settings.currency()).trim());
        return out;
    }

    /** Roles that appear in the order, for a plate map's legend. */
    public Set<String> roles() {
        return lines.stream().map(Line::role).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
