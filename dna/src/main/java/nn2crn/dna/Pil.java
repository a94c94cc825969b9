package nn2crn.dna;

import nn2crn.crn.CrnException;
import nn2crn.crn.CrnText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PIL kernel format that Nuskell ({@code --readpil}), Peppercorn and dsdobjects read and
 * write: {@code length d = 15}, complexes {@code name = a( b c + ) d* @initial 10 nM} (fuels
 * {@code @constant}, as Nuskell marks them), resting macrostates {@code macrostate A = [A]}, and
 * condensed reactions {@code reaction [condensed = 0.00065 /nM/s ] A + B -> C + D} between
 * macrostates, as Peppercorn writes its enumerations: every name in a reaction is a declared
 * macrostate (dsdobjects refuses an undeclared one).
 */
public final class Pil {

    private static final Pattern LENGTH = Pattern.compile("length\\s+(\\S+)\\s*=\\s*(\\d+)");
    private static final Pattern COMPLEX = Pattern.compile("(\\S+)\\s*=\\s*([^@]*?)\\s*(?:@(initial|constant)\\s+(\\S+)\\s*(\\S*))?");
    private static final Pattern MACROSTATE = Pattern.compile("macrostate\\s+(\\S+)\\s*=\\s*\\[(.*)]");
    private static final Pattern REACTION = Pattern.compile(
            "reaction\\s*\\[\\s*(\\w+)\\s*=\\s*(\\S+)\\s*(\\S*)\\s*]\\s*(.*?)\\s*->\\s*(.*)");

    private Pil() {
    }

    /**
     * A PIL file as read: domain lengths, complexes (kernel tokens), concentrations (nM), resting
     * macrostates (name to its complexes), reactions.
     */
    public record File(Map<String, Integer> lengths, Map<String, List<String>> complexes,
                       Map<String, Double> concentrations, Map<String, List<String>> macrostates,
                       List<CondensedReaction> reactions) {
    }

    public static String format(DnaSystem system, List<String> headerLines) {
        StringBuilder out = new StringBuilder();
        for (String line : headerLines) {
            out.append("# ").append(line).append('\n');
        }
        DnaCost cost = system.cost();
        out.append(String.format(Locale.ROOT, "# %s translation of CRN '%s': %d signal, %d fuel, %d intermediate complexes; "
                        + "%d condensed reactions; %d distinct strands, %d nt%n", system.scheme(), system.formal().name(),
                cost.signals(), cost.fuels(), cost.intermediates(), cost.condensedReactions(), cost.strands(),
                cost.nucleotides()));
        out.append("# concentrations in nM, rate constants in /nM/s; fuels are marked @constant as Nuskell marks them "
                + "(nn2crn's own simulation lets them be consumed)\n\n# Domains\n");
        for (Domain d : system.domains()) {
            out.append("length ").append(d.name()).append(" = ").append(d.length()).append('\n');
        }
        complexes(out, "Signal complexes", system.signals(), "initial");
        complexes(out, "Fuel complexes", system.fuels(), "constant");
        complexes(out, "Intermediate and waste complexes", system.intermediates(), "initial");
        // each complex is a resting state of its own: the scheme's intermediates wait for a
        // bimolecular step, so no two interconvert fast
        out.append("\n# Resting macrostates (").append(system.complexes().size()).append(")\n");
        for (DnaComplex c : system.complexes()) {
            out.append("macrostate ").append(c.name()).append(" = [").append(c.name()).append("]\n");
        }
        out.append("\n# Condensed reactions (").append(system.reactions().size()).append(")\n");
        for (CondensedReaction r : system.reactions()) {
            out.append("reaction [condensed = ").append(String.format(Locale.ROOT, "%.6g", r.rate())).append(" /nM/s ] ")
                    .append(String.join(" + ", r.reactants())).append(" -> ").append(String.join(" + ", r.products()))
                    .append('\n');
        }
        return out.toString();
    }

    private static void complexes(StringBuilder out, String title, List<DnaComplex> complexes, String mark) {
        out.append("\n# ").append(title).append(" (").append(complexes.size()).append(")\n");
        for (DnaComplex c : complexes) {
            out.append(c.name()).append(" = ").append(c.kernelText());
            if (c.initialNm() != 0 || c.kind() == DnaComplex.Kind.FUEL) {
                out.append(" @").append(mark).append(' ').append(CrnText.number(c.initialNm())).append(" nM");
            }
            out.append('\n');
        }
    }

    public static File read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new CrnException(file + ": no such file");
        } catch (IOException e) {
            throw new CrnException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        Map<String, List<String>> complexes = new LinkedHashMap<>();
        Map<String, Double> concentrations = new LinkedHashMap<>();
        Map<String, List<String>> macrostates = new LinkedHashMap<>();
        List<CondensedReaction> reactions = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = LENGTH.matcher(line)).matches()) {
                lengths.put(m.group(1), Integer.parseInt(m.group(2)));
            } else if ((m = MACROSTATE.matcher(line)).matches()) {
                macrostates.put(m.group(1), Arrays.stream(m.group(2).split(",")).map(String::strip)
                        .filter(n -> !n.isEmpty()).toList());
            } else if ((m = REACTION.matcher(line)).matches()) {
                double rate = Double.parseDouble(m.group(2));
                reactions.add(new CondensedReaction(side(m.group(4)), side(m.group(5)), rate, -1, m.group(1)));
            } else if ((m = COMPLEX.matcher(line)).matches()) {
                complexes.put(m.group(1), Arrays.asList(m.group(2).trim().split("\\s+")));
                if (m.group(4) != null) {
                    concentrations.put(m.group(1), Double.parseDouble(m.group(4)));
                }
            } else {
                throw new CrnException(file + ":" + (l + 1) + ": not a PIL statement this reader knows");
            }
        }
        return new File(lengths, complexes, concentrations, macrostates, reactions);
    }

    private static List<String> side(String text) {
        return Arrays.stream(text.split("\\+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
