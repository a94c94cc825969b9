package nn2crn.dna;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;

import java.util.List;

/** Translates a formal CRN into a DNA strand-displacement system by a named scheme. */
public final class DnaTranslation {

    /** The schemes there are. */
    public static final List<String> SCHEMES = List.of(Soloveichik2010.ID);
    public static final String DEFAULT_SCHEME = Soloveichik2010.ID;

    private DnaTranslation() {
    }

    public static DnaSystem translate(Crn formal, String scheme, DnaOptions options) {
        if (!SCHEMES.contains(scheme)) {
            throw new CrnException("unknown DNA scheme '" + scheme + "' (known: " + String.join(", ", SCHEMES) + ")");
        }
        if (formal.implementation() != null) {
            throw new CrnException("CRN '" + formal.name() + "' is already an implementation (" + formal.info()
                    .getOrDefault("scheme", "?") + "): translate the formal CRN it implements");
        }
        return Soloveichik2010.translate(formal, options);
    }
}
