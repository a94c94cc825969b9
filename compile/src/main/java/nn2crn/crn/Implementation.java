package nn2crn.crn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a CRN implements a formal one (a DNA strand-displacement system implementing a compiled
 * CRN, say): each formal species is carried by several species of this CRN (its signal variants,
 * which differ only in their history domains), and its concentration is their sum; one network
 * unit of concentration is {@code unitValue} of this CRN's unit ({@code unitName}, e.g. 10 nM).
 * Inputs and outputs of an implementing CRN name formal species: an input is placed on the
 * first carrier, an output read as the sum of the carriers divided by the unit.
 */
public record Implementation(double unitValue, String unitName, Map<String, List<String>> formalSpecies) implements java.io.Serializable {

    public Implementation {
        if (!(unitValue > 0) || Double.isInfinite(unitValue)) {
            throw new CrnException("unit value must be a positive number, is " + unitValue);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        formalSpecies.forEach((formal, carriers) -> {
            if (carriers.isEmpty()) {
                throw new CrnException("formal species '" + formal + "' has no species that carry it");
            }
            copy.put(formal, List.copyOf(carriers));
        });
        formalSpecies = Collections.unmodifiableMap(copy);
    }

    /** The species that carry a name: its carriers if it is a formal species, else the name itself. */
    public List<String> carriers(String name) {
        List<String> carriers = formalSpecies.get(name);
        return carriers != null ? carriers : List.of(name);
    }

    /** Every species that carries some formal species. */
    public List<String> allCarriers() {
        List<String> all = new ArrayList<>();
        formalSpecies.values().forEach(all::addAll);
        return all;
    }
}
