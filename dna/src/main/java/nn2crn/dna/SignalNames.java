package nn2crn.dna;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of the signal complexes. A signal is named after its formal species (its variants add
 * {@code _1_}, {@code _2_}, ..). Nuskell reads a complex's kind from the first letter of its name
 * (f fuel, i intermediate, w waste, anything else a signal), so a formal species whose name starts
 * with one of those letters, in either case (a species {@code iris}, {@code w0} or {@code f2}),
 * gets the prefix {@code s_} ({@code s_iris}, {@code s_w0_1_}); another {@code s} is added while
 * the name is taken by another species.
 */
final class SignalNames {

    private static final String MISREAD = "fiwFIW";

    private final Map<String, String> names;

    private SignalNames(Map<String, String> names) {
        this.names = names;
    }

    /**
     * @param species every formal species (their names are all taken)
     * @param used    the ones that get signals
     */
    static SignalNames of(List<String> species, Set<String> used) {
        Set<String> taken = new HashSet<>(species);
        Map<String, String> names = new LinkedHashMap<>();
        for (String s : species) {
            if (!used.contains(s) || MISREAD.indexOf(s.charAt(0)) < 0) {
                continue;
            }
            String name = "s_" + s;
            while (!taken.add(name)) {
                name = "s" + name;
            }
            names.put(s, name);
        }
        return new SignalNames(names);
    }

    String of(String formalSpecies) {
        return names.getOrDefault(formalSpecies, formalSpecies);
    }

    /** Formal species whose signals are not named as they are: formal name to signal name. */
    Map<String, String> renamed() {
        return names;
    }
}
