package nn2crn.crn;

import nn2crn.io.AtomicFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plain-text CRN format read by Nuskell and crnsimulator: one reaction per line
 * ({@code A + B -> C + 2 D}, {@code [k = 0.5]} when the rate constant is not 1; {@code <=>} with
 * {@code [kf = .., kr = ..]} for a reversible pair), initial concentrations as
 * {@code A @initial 1.25}, {@code #} comments, {@code ;} or new lines between statements. Species
 * not given an initial concentration start at 0.
 */
public final class CrnText {

    /** Largest stoichiometric coefficient read (reduced CRNs of wide networks reach about 10^4). */
    public static final int MAX_STOICHIOMETRY = 100_000_000;

    /** At most this many characters of the input are quoted in an error message. */
    private static final int EXCERPT = 40;

    /** More targets than this on an input rail are summarized in the header (the manifest lists them). */
    private static final int HEADER_TARGETS = 6;

    private CrnText() {
    }

    /**
     * Whether Nuskell accepts the name as a formal species: a letter other than f, i or w (its
     * prefixes for fuels, intermediates and wastes), then letters, digits or underscores.
     */
    public static boolean isNuskellSafe(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]*") && "fiwFIW".indexOf(name.charAt(0)) < 0;
    }

    /** A number as Nuskell parses it: plain decimal, no exponent, no leading dot. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static void write(Crn crn, List<String> headerLines, Path file) {
        AtomicFiles.writeString(file, format(crn, headerLines));
    }

    /** The file text: {@code headerLines} (without '#'), then the standard header, initials and reactions. */
    public static String format(Crn crn, List<String> headerLines) {
        StringBuilder out = new StringBuilder();
        for (String line : headerLines) {
            out.append("# ").append(line).append('\n');
        }
        if (!crn.info().isEmpty()) {
            out.append("# ").append(crn.info().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "))).append('\n');
        }
        List<Species> inert = inert(crn);
        out.append("# species: ").append(crn.species().size()).append(", reactions: ").append(crn.reactions().size())
                .append("; mass action, rate constant 1 unless [k = ...] is given\n");
        if (!crn.inputs().isEmpty()) {
            out.append("# inputs (added to the initial concentrations per example; v = feature - shift):\n");
            for (CrnInput in : crn.inputs()) {
                out.append("#   ").append(in.name());
                if (in.shift() != 0) {
                    out.append(" (shift ").append(number(in.shift())).append(')');
                }
                out.append(": ").append(rail(in.positive(), in.dualRail() ? "v if v >= 0" : "v"));
                if (in.dualRail()) {
                    out.append("; ").append(rail(in.negative(), "-v if v < 0"));
                }
                out.append('\n');
            }
        }
        if (!crn.outputs().isEmpty()) {
            out.append("# outputs: ").append(crn.outputs().stream()
                    .map(o -> o.name() + " = " + o.positive() + (o.negative() == null ? "" : " - " + o.negative()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!inert.isEmpty()) {
            // crnsimulator refuses a declared species that takes part in no reaction
            out.append("# in no reaction, so not declared here (manifest.json lists them): ").append(inert.stream()
                    .map(sp -> sp.name() + (sp.initial() == 0 ? "" : " @initial " + number(sp.initial())))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        List<String> unsafe = crn.species().stream().map(Species::name).filter(n -> !isNuskellSafe(n)).toList();
        if (!unsafe.isEmpty()) {
            out.append("# warning: ").append(unsafe.size()).append(" species names are not Nuskell-safe, e.g. ")
                    .append(unsafe.get(0)).append('\n');
        }
        for (Species s : crn.species()) {
            if (s.initial() != 0 && !inert.contains(s)) {
                out.append(s.name()).append(" @initial ").append(number(s.initial())).append('\n');
            }
        }
        for (Reaction r : crn.reactions()) {
            out.append(side(r.reactants())).append(r.reactants().isEmpty() ? "->" : " ->");
            out.append(r.products().isEmpty() ? "" : " " + side(r.products()));
            if (r.rate() != 1) {
                out.append(" [k = ").append(number(r.rate())).append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Species that take part in no reaction (an input rail whose weights are all 0, say). */
    public static List<Species> inert(Crn crn) {
        Set<String> inReactions = new HashSet<>();
        for (Reaction r : crn.reactions()) {
            r.reactants().forEach(t -> inReactions.add(t.species()));
            r.products().forEach(t -> inReactions.add(t.species()));
        }
        return crn.species().stream().filter(s -> !inReactions.contains(s.name())).toList();
    }

    private static String rail(List<Term> targets, String what) {
        if (targets.isEmpty()) {
            return "no species (its weights are all 0)";
        }
        String text = targets.size() > HEADER_TARGETS
                ? targets.size() + " species (see manifest.json)"
                : side(targets);
        return text + " += " + what;
    }

    private static String side(List<Term> terms) {
        return terms.stream().map(t -> t.count() == 1 ? t.species() : t.count() + " " + t.species())
                .collect(Collectors.joining(" + "));
    }

    public static Crn read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CrnException(file + ": no such file");
        } catch (IOException e) {
            throw new CrnException(file + ": cannot read (" + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().replaceFirst("\\.crn$", "");
        return parse(text, file.toString(), name);
    }

    /** Parses CRN text; {@code source} names it in error messages ("source:line:column: ..."). */
    public static Crn parse(String text, String source, String name) {
        return new Parser(source).parse(text, name);
    }

    /**
     * The line (1-based) of each reaction of a CRN file, in the order of {@link Crn#reactions()}
     * (a reversible reaction's two directions share a line), so that a later check can name it.
     */
    public static int[] reactionLines(Path file) {
        Parser parser = new Parser(file.toString());
        try {
            parser.parse(Files.readString(file), "lines");
        } catch (IOException e) {
            throw new CrnException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parser.reactionLines.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final class Parser {
        private final String source;
        private final Map<String, Double> initial = new LinkedHashMap<>();
        private final Map<String, Integer> initialLine = new HashMap<>();
        private final List<Reaction> reactions = new ArrayList<>();
        private final List<Integer> reactionLines = new ArrayList<>();
        private int line;
        private String statement;
        private int offset;
        private int pos;

        Parser(String source) {
            this.source = source;
        }

        Crn parse(String text, String name) {
            String[] lines = text.split("\r?\n", -1);
            for (int l = 0; l < lines.length; l++) {
                line = l + 1;
                String content = lines[l];
                int hash = content.indexOf('#');
                if (hash >= 0) {
                    content = content.substring(0, hash);
                }
                int start = 0;
                for (String part : content.split(";", -1)) {
                    statement = part;
                    offset = start;
                    pos = 0;
                    if (!part.isBlank()) {
                        statement();
                    }
                    start += part.length() + 1;
                }
            }
            List<Species> species = new ArrayList<>();
            initial.forEach((s, v) -> species.add(new Species(s, v, SpeciesRole.OTHER, -1)));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("source", source);
            try {
                return new Crn(name, species, reactions, List.of(), List.of(), info);
            } catch (CrnException e) {
                throw new CrnException(source + ": " + e.getMessage());
            }
        }

        /** A quoted piece of the input, cut short (a line can be megabytes long). */
        private static String excerpt(String text) {
            String printable = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                    .limit(EXCERPT + 1L).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            return "'" + (printable.length() > EXCERPT ? printable.substring(0, EXCERPT) + "...'" : printable + "'");
        }

        private CrnException error(String message) {
            return new CrnException(source + ":" + line + ":" + (offset + pos + 1) + ": " + message);
        }

        private void statement() {
            skipSpaces();
            int mark = pos;
            String first = peekName();
            if (first != null) {
                pos += first.length();
                skipSpaces();
                if (lookingAt("@")) {
                    pos++;
                    String keyword = name("'initial' after '@'");
                    if (!keyword.equals("initial") && !keyword.equals("i")) {
                        pos -= keyword.length();
                        throw error("unknown " + excerpt("@" + keyword) + " (only @initial is supported)");
                    }
                    skipSpaces();
                    double value = nonNegative("an initial concentration", "initial concentration of " + first);
                    Integer earlier = initialLine.putIfAbsent(first, line);
                    if (earlier != null) {
                        pos = mark;
                        throw error("a second @initial for " + excerpt(first) + " (the first is on line " + earlier + ")");
                    }
                    declare(first);
                    initial.put(first, value);
                    end();
                    return;
                }
            }
            pos = mark;
            reaction();
        }

        private void reaction() {
            List<Term> left = side();
            boolean reversible;
            if (lookingAt("<=>")) {
                reversible = true;
                pos += 3;
            } else if (lookingAt("->")) {
                reversible = false;
                pos += 2;
            } else {
                throw error(pos >= statement.length() ? "expected '->' or '<=>'"
                        : "expected '->', '<=>' or '+', found " + excerpt(String.valueOf(statement.charAt(pos))));
            }
            List<Term> right = side();
            double kf = 1;
            double kr = 1;
            if (lookingAt("[")) {
                pos++;
                Map<String, Double> rates = new LinkedHashMap<>();
                do {
                    skipSpaces();
                    String key = name("a rate name (k, kf or kr)");
                    skipSpaces();
                    expect("=");
                    skipSpaces();
                    double value = nonNegative("a rate constant", "rate constant " + key);
                    rates.put(key, value);
                    skipSpaces();
                } while (consume(","));
                expect("]");
                Set<String> allowed = reversible ? Set.of("kf", "kr") : Set.of("k");
                for (String key : rates.keySet()) {
                    if (!allowed.contains(key)) {
                        throw error("rate " + excerpt(key) + " does not apply to a" + (reversible ? " reversible" : "n irreversible")
                                + " reaction (use " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                    }
                }
                kf = rates.getOrDefault(reversible ? "kf" : "k", 1.0);
                kr = rates.getOrDefault("kr", 1.0);
            }
            end();
            reactions.add(new Reaction(left, right, kf, -1));
            reactionLines.add(line);
            if (reversible) {
                reactions.add(new Reaction(right, left, kr, -1));
                reactionLines.add(line);
            }
        }

        private List<Term> side() {
            List<Term> terms = new ArrayList<>();
            skipSpaces();
            if (lookingAt("->") || lookingAt("<=>") || lookingAt("[") || pos >= statement.length()) {
                return terms;
            }
            if (lookingAt("0") && !asciiDigit(charAt(pos + 1)) && !asciiLetter(peekAfterSpaces(pos + 1))) {
                pos++; // "0" is the empty side
                skipSpaces();
                return terms;
            }
            do {
                skipSpaces();
                int count = 1;
                if (pos < statement.length() && asciiDigit(statement.charAt(pos))) {
                    int start = pos;
                    while (pos < statement.length() && asciiDigit(statement.charAt(pos))) {
                        pos++;
                    }
                    String digits = statement.substring(start, pos);
                    if (digits.length() > 9) {
                        pos = start;
                        throw error("stoichiometry " + excerpt(digits) + " is too large (at most " + MAX_STOICHIOMETRY + ")");
                    }
                    count = Integer.parseInt(digits);
                    if (count == 0) {
                        pos = start;
                        throw error("stoichiometry must be positive");
                    }
                    if (count > MAX_STOICHIOMETRY) {
                        pos = start;
                        throw error("stoichiometry " + count + " is too large (at most " + MAX_STOICHIOMETRY + ")");
                    }
                    skipSpaces();
                }
                String species = name("a species name");
                declare(species);
                terms.add(new Term(species, count));
                skipSpaces();
            } while (consume("+"));
            return terms;
        }

        private void declare(String species) {
            initial.putIfAbsent(species, 0.0);
        }

        /** A name as Crn accepts it: an ASCII letter, then ASCII letters, digits or '_'. */
        private String peekName() {
            int end = pos;
            if (end < statement.length() && asciiLetter(statement.charAt(end))) {
                while (end < statement.length() && (asciiLetter(statement.charAt(end))
                        || asciiDigit(statement.charAt(end)) || statement.charAt(end) == '_')) {
                    end++;
                }
                return statement.substring(pos, end);
            }
            return null;
        }

        private static boolean asciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean asciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private String name(String what) {
            String n = peekName();
            if (n == null) {
                throw error("expected " + what + (pos < statement.length() ? ", found " + excerpt(String.valueOf(statement.charAt(pos))) : ""));
            }
            pos += n.length();
            return n;
        }

        private double number(String what) {
            int start = pos;
            while (pos < statement.length() && "0123456789.eE+-".indexOf(statement.charAt(pos)) >= 0) {
                pos++;
            }
            String text = statement.substring(start, pos);
            try {
                double v = Double.parseDouble(text.toLowerCase(Locale.ROOT));
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected " + what + (text.isEmpty() ? "" : ", found " + excerpt(text)));
            }
        }

        private double nonNegative(String what, String label) {
            int start = pos;
            double value = number(what);
            if (value < 0) {
                pos = start;
                throw error(label + " is negative");
            }
            return value;
        }

        private void end() {
            skipSpaces();
            if (pos < statement.length()) {
                throw error("unexpected " + excerpt(statement.substring(pos).strip()));
            }
        }

        private void expect(String token) {
            if (!consume(token)) {
                throw error("expected '" + token + "'");
            }
        }

        private boolean consume(String token) {
            skipSpaces();
            if (lookingAt(token)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private boolean lookingAt(String token) {
            return statement.startsWith(token, pos);
        }

        private char charAt(int i) {
            return i < statement.length() ? statement.charAt(i) : ' ';
        }

        private char peekAfterSpaces(int i) {
            while (i < statement.length() && Character.isWhitespace(statement.charAt(i))) {
                i++;
            }
            return charAt(i);
        }

        private void skipSpaces() {
            while (pos < statement.length() && Character.isWhitespace(statement.charAt(pos))) {
                pos++;
            }
        }
    }
}
