package nn2crn.dna;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A complex of DNA strands in kernel notation (the notation of PIL, Nuskell and Peppercorn): a
 * list of tokens, each a domain ({@code a}, {@code a*}), a domain paired with a later one
 * ({@code a(}), the closing partner of the most recent open one ({@code )}), or a strand break
 * ({@code +}).
 *
 * @param formal           the formal species a signal carries (null for fuels and intermediates)
 * @param formalReaction   index (0-based) of the formal reaction whose fuels and steps made it, -1
 *                         for signals
 * @param initialNm        initial concentration in nM
 */
public record DnaComplex(String name, Kind kind, List<String> kernel, double initialNm, String formal,
                         int formalReaction) {

    /** What a complex is in the design. */
    public enum Kind {
        /** a strand that carries a formal species */
        SIGNAL,
        /** a complex (or strand) supplied in excess */
        FUEL,
        /** made by the reactions: transient intermediates and final wastes */
        INTERMEDIATE
    }

    public DnaComplex {
        kernel = List.copyOf(kernel);
    }

    public DnaComplex withInitial(double nm) {
        return new DnaComplex(name, kind, kernel, nm, formal, formalReaction);
    }

    /** The strands, each its domains 5' to 3' ({@code )} read as the complement of its partner). */
    public List<List<String>> strands() {
        List<List<String>> strands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        for (String token : kernel) {
            if (token.equals("+")) {
                strands.add(current);
                current = new ArrayList<>();
            } else if (token.equals(")")) {
                current.add(Domain.complement(open.pop()));
            } else if (token.endsWith("(")) {
                String domain = token.substring(0, token.length() - 1);
                open.push(domain);
                current.add(domain);
            } else {
                current.add(token);
            }
        }
        strands.add(current);
        return strands;
    }

    /** The kernel as PIL writes it, tokens separated by spaces. */
    public String kernelText() {
        return String.join(" ", kernel);
    }
}
