package nn2crn.dna.readout;

import nn2crn.crn.CrnOutput;
import nn2crn.crn.CrnText;
import nn2crn.dna.DnaSystem;
import nn2crn.dna.Reporter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which reporters go in which well when a plate reader tells apart at most {@code colours} dyes in
 * one well (two in the DNA neural networks built so far): the classes in order, {@code colours} to a
 * well, the k-th class of a well with the k-th dye. Every well holds the whole circuit and the same
 * sample; only its reporters differ. A reporter consumes only its own class's read-out species, and
 * no other class's reactions depend on how much of that is left (wta: {@code y<j>_on} is consumed by
 * nothing else; subtract: {@code y<j>_pos} only by its own rail's annihilation), so a well computes
 * its classes exactly as a well with every reporter would: one simulation with all reporters stands
 * for all wells.
 *
 * @param colours   dyes per well
 * @param readout   the formal CRN's read-out (subtract or wta)
 * @param unitNm    nM per network unit (to say where a turned-on channel ends)
 * @param level     wta: the winner's restored level, network units; null otherwise
 */
public record AliquotPlan(int colours, String readout, double unitNm, Double level, List<Well> wells) {

    /** A fluorophore and the quencher that suits it (dark quenchers: Iowa Black FQ below ~560 nm, RQ above). */
    public record Dye(String name, String quencher) {
        public Dye {
            if (name == null || name.isBlank() || quencher == null || quencher.isBlank()) {
                throw new IllegalArgumentException("a dye needs a name and a quencher");
            }
        }

        /** {@code NAME} (a dye of {@link #KNOWN}) or {@code NAME:QUENCHER}. */
        public static Dye parse(String text) {
            String t = text.strip();
            int colon = t.indexOf(':');
            if (colon >= 0) {
                return new Dye(t.substring(0, colon).strip(), t.substring(colon + 1).strip());
            }
            for (Dye d : KNOWN) {
                if (d.name.equalsIgnoreCase(t)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("dye '" + t + "' has no known quencher: give it as " + t + ":QUENCHER "
                    + "(known: " + String.join(", ", KNOWN.stream().map(Dye::name).toList()) + ")");
        }
    }

    /** Dyes with their usual dark quencher. */
    public static final List<Dye> KNOWN = List.of(new Dye("ATTO488", "Iowa Black FQ"), new Dye("ATTO590", "Iowa Black RQ"),
            new Dye("ATTO647N", "Iowa Black RQ"), new Dye("Cy3", "Iowa Black FQ"), new Dye("FAM", "Iowa Black FQ"),
            new Dye("HEX", "Iowa Black FQ"), new Dye("ROX", "Iowa Black RQ"), new Dye("Cy5", "Iowa Black RQ"));

    /**
     * ATTO488 and ATTO590 first, the pair of the 2025 in-vitro learning network, then two more far
     * enough apart for a four-colour reader.
     */
    public static final List<Dye> DEFAULT_DYES = List.of(KNOWN.get(0), KNOWN.get(1), KNOWN.get(2), KNOWN.get(3));
    public static final int DEFAULT_COLOURS = 2;

    /**
     * One reporter in one well.
     *
     * @param className         the class it reads (the network's name for it where it has one)
     * @param species           the read-out species
     * @param reporter          the reporter complex
     * @param fluorophoreStrand the strand carrying the dye at its 5' end (as named in strands.csv)
     * @param quencherStrand    the strand carrying the quencher at its 3' end
     * @param reporterNm        the reporter's concentration in the well
     * @param atReadTime        added at the read time, not with the circuit ({@link Reporter#atReadTime})
     */
    public record Channel(String className, String species, String reporter, Dye dye, String fluorophoreStrand,
                          String quencherStrand, double reporterNm, boolean atReadTime) {

        public String added() {
            return atReadTime ? "at the read time" : "with the circuit";
        }
    }

    public record Well(int number, List<Channel> channels) {
    }

    /**
     * @param classNames the network's class names (null or of another size: the outputs' names)
     */
    public static AliquotPlan of(DnaSystem system, int colours, List<Dye> dyes, List<String> classNames) {
        if (system.reporters().isEmpty()) {
            throw new IllegalArgumentException("the design has no reporters (a dual-rail read-out is read as two species "
                    + "per class): compile with --readout subtract or wta");
        }
        if (colours < 1) {
            throw new IllegalArgumentException("colours per well must be at least 1, is " + colours);
        }
        if (dyes.size() < colours) {
            throw new IllegalArgumentException(colours + " colours per well need " + colours + " dyes, " + dyes.size()
                    + " given");
        }
        Set<String> seen = new HashSet<>();
        for (Dye d : dyes.subList(0, colours)) {
            if (!seen.add(d.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("dye " + d.name() + " is given twice: a well needs distinct dyes");
            }
        }
        Map<String, Reporter> bySpecies = new LinkedHashMap<>();
        system.reporters().forEach(r -> bySpecies.put(r.species(), r));
        Map<String, Double> concentration = new LinkedHashMap<>();
        system.fuels().forEach(f -> concentration.put(f.name(), f.initialNm()));
        List<CrnOutput> outputs = system.formal().outputs();
        List<Channel> channels = new ArrayList<>();
        for (int j = 0; j < outputs.size(); j++) {
            Reporter r = bySpecies.get(outputs.get(j).positive());
            if (r == null) {
                continue;
            }
            String className = classNames != null && classNames.size() == outputs.size() ? classNames.get(j)
                    : outputs.get(j).name();
            channels.add(new Channel(className, r.species(), r.complex(), null, r.complex() + "_fluorophore",
                    r.complex() + "_quencher", concentration.get(r.complex()), r.atReadTime()));
        }
        List<Well> wells = new ArrayList<>();
        for (int start = 0; start < channels.size(); start += colours) {
            List<Channel> in = new ArrayList<>();
            for (int k = start; k < Math.min(channels.size(), start + colours); k++) {
                Channel c = channels.get(k);
                in.add(new Channel(c.className(), c.species(), c.reporter(), dyes.get(k - start), c.fluorophoreStrand(),
                        c.quencherStrand(), c.reporterNm(), c.atReadTime()));
            }
            wells.add(new Well(wells.size() + 1, in));
        }
        Object readout = system.formal().info().get("readout");
        Object level = system.formal().info().get("wta_level");
        return new AliquotPlan(colours, String.valueOf(readout), system.options().unitNm(),
                "wta".equals(readout) && level instanceof Number n ? n.doubleValue() : null, wells);
    }

    /** Strand name to its 5' and 3' modifications, for the order sheet. */
    public Map<String, List<String>> modifications() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Well w : wells) {
            for (Channel c : w.channels()) {
                m.put(c.fluorophoreStrand(), List.of("5' " + c.dye().name(), ""));
                m.put(c.quencherStrand(), List.of("", "3' " + c.dye().quencher()));
            }
        }
        return m;
    }

    /** How to read the answer across the wells. */
    public String rule() {
        String calibrate = "calibrate each dye to nM (its reporter with 0 and " + CrnText.number(unitNm)
                + " nM of its signal strand, in the same buffer and reader settings), then divide by " + CrnText.number(unitNm)
                + " nM per network unit";
        if ("wta".equals(readout)) {
            return "winner-take-all: " + calibrate + "; the answer is the class whose channel turns on, rising towards "
                    + CrnText.number(level) + " unit" + (level == 1 ? "" : "s") + " (" + CrnText.number(level * unitNm)
                    + " nM) while the others stay low; compare the calibrated channels across all " + wells.size()
                    + " wells (the largest is the answer, none on is no answer)";
        }
        return "subtract: add each well's reporters at the read time, once the outputs have settled (the read-out "
                + "table says when; present from the start a reporter would race the annihilation y<j>_pos + y<j>_neg "
                + "-> and show the positive rail), and read a few minutes later; " + calibrate + "; the answer is the "
                + "brightest calibrated channel across all " + wells.size() + " wells (a class below the offset stays "
                + "at 0)";
    }

    /** Rows for a table: well, dye, class, species, reporter. */
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        for (Well w : wells) {
            for (Channel c : w.channels()) {
                rows.add(List.of(Integer.toString(w.number()), c.dye().name(), c.dye().quencher(), c.className(),
                        c.species(), c.reporter(), CrnText.number(c.reporterNm()), c.added()));
            }
        }
        return rows;
    }

    public static final List<String> TABLE_HEADER = List.of("well", "dye", "quencher", "class", "read-out species",
            "reporter", "reporter nM", "added");

    /** {@code aliquots.csv}: one row per reporter, with its well, dye, quencher and strands. */
    public String csv() {
        StringBuilder sb = new StringBuilder("well,dye,quencher,class,readout_species,reporter,reporter_nM,added,"
                + "fluorophore_strand,quencher_strand\n");
        for (Well w : wells) {
            for (Channel c : w.channels()) {
                sb.append(String.join(",", Integer.toString(w.number()), c.dye().name(), c.dye().quencher(),
                        quoted(c.className()), c.species(), c.reporter(), CrnText.number(c.reporterNm()), c.added(),
                        c.fluorophoreStrand(), c.quencherStrand())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String quoted(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    /** For the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("colours_per_well", colours);
        m.put("wells", wells.size());
        m.put("readout", readout);
        m.put("how_to_read", rule());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Well w : wells) {
            for (Channel c : w.channels()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("well", w.number());
                e.put("dye", c.dye().name());
                e.put("quencher", c.dye().quencher());
                e.put("class", c.className());
                e.put("readout_species", c.species());
                e.put("reporter", c.reporter());
                e.put("added", c.added());
                list.add(e);
            }
        }
        m.put("channels", list);
        return m;
    }

    /** The complexes that are reporters (left out of the wells' common master mix). */
    public Set<String> reporterComplexes() {
        Set<String> s = new HashSet<>();
        wells.forEach(w -> w.channels().forEach(c -> s.add(c.reporter())));
        return s;
    }
}
