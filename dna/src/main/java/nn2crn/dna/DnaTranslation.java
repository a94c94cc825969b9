package nn2crn.dna;

import nn2crn.compile.FanOutCap;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnSize;
import nn2crn.crn.CrnText;
import nn2crn.crn.Reaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Translates a formal CRN into a DNA strand-displacement system by a named scheme. */
public final class DnaTranslation {

    /** The schemes there are. */
    public static final List<String> SCHEMES = List.of(Soloveichik2010.ID);
    public static final String DEFAULT_SCHEME = Soloveichik2010.ID;
    /** The compiler's name for smoothed-ReLU CRNs, whose function depends on their rate constants. */
    private static final String SMOOTH_RELU = "smooth-relu";

    private DnaTranslation() {
    }

    public static DnaSystem translate(Crn formal, String scheme, DnaOptions options) {
        List<String> problems = problems(formal, scheme, null);
        if (!problems.isEmpty()) {
            throw new CrnException(problems.get(0));
        }
        return Soloveichik2010.translate(formal, options);
    }

    /**
     * Why the scheme cannot translate a CRN, one sentence each (empty: it can): an unknown scheme, a
     * CRN that is already an implementation, a reaction with more than two reactants (named by its
     * line in {@code crnFile} when given), a smoothed-ReLU CRN.
     *
     * @param crnFile the {@code .crn} file the CRN was read from, or null
     */
    public static List<String> problems(Crn formal, String scheme, Path crnFile) {
        List<String> problems = new ArrayList<>();
        if (!SCHEMES.contains(scheme)) {
            problems.add("unknown DNA scheme '" + scheme + "' (known: " + String.join(", ", SCHEMES) + ")");
            return problems;
        }
        if (formal.implementation() != null) {
            problems.add("CRN '" + formal.name() + "' is already an implementation (" + formal.info()
                    .getOrDefault("scheme", "?") + "): translate the formal CRN it implements");
            return problems;
        }
        if (SMOOTH_RELU.equals(formal.info().get("scheme"))) {
            problems.add("CRN '" + formal.name() + "' is a smoothed-ReLU CRN, whose function depends on its rate constants; "
                    + "the " + scheme + " scheme runs every gate at one fuel concentration and does not implement them: "
                    + "translate a rate-independent CRN (compile --scheme rate-independent)");
        }
        int[] lines = crnFile != null && Files.isRegularFile(crnFile) ? CrnText.reactionLines(crnFile) : null;
        List<Reaction> reactions = formal.reactions();
        for (int r = 0; r < reactions.size(); r++) {
            Reaction reaction = reactions.get(r);
            if (reaction.order() > 2) {
                String where = lines != null && lines.length == reactions.size() ? crnFile + ":" + lines[r] + ": "
                        : "";
                problems.add(where + "reaction " + (r + 1) + " has " + reaction.order() + " reactants; the " + scheme
                        + " scheme implements reactions with at most two");
            }
        }
        return problems;
    }

    /**
     * The most product copies a reaction may have so that none of its strands is longer than
     * {@code maxStrandNt}, or -1 when no fan-out cap can get there (the scheme's fixed strands are
     * longer, or not even {@link FanOutCap#SMALLEST} products fit).
     */
    public static int maxProducts(int maxStrandNt, DnaOptions options) {
        if (Soloveichik2010.fixedStrandNt(options) > maxStrandNt) {
            return -1;
        }
        int m = 0;
        while (Soloveichik2010.longestStrandNt(m + 1, options) <= maxStrandNt) {
            m++;
        }
        return m >= FanOutCap.SMALLEST ? m : -1;
    }

    /** The smallest strand-length cap that a fan-out cap can meet. */
    public static int shortestCap(DnaOptions options) {
        return (int) Math.max(Soloveichik2010.fixedStrandNt(options), Soloveichik2010.longestStrandNt(FanOutCap.SMALLEST,
                options));
    }

    /**
     * The formal CRN with its fan-out capped ({@link FanOutCap}: the final state stays the same) so
     * that no strand of its translation is longer than {@code maxStrandNt}; the CRN itself when
     * none would be.
     */
    public static Crn capStrandLength(Crn formal, int maxStrandNt, DnaOptions options) {
        int m = maxProducts(maxStrandNt, options);
        if (m < 0) {
            throw new CrnException(String.format("--max-strand-nt %d: with %d-nt toeholds and %d-nt long domains the %s "
                            + "scheme's strands under the smallest fan-out cap are up to %d nt", maxStrandNt,
                    options.toeholdNt(), options.domainNt(), DEFAULT_SCHEME, shortestCap(options)));
        }
        return CrnSize.of(formal).maxFanOut() > m ? FanOutCap.apply(formal, m) : formal;
    }
}
