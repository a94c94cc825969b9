package nn2crn.dna;

/**
 * Condensed rate constants of the strand-displacement steps of a scheme, after Peppercorn's rate
 * model (Badelt, Grun, Sarma, Wolfe, Shin, Winfree, "A domain-level DNA strand displacement
 * reaction enumerator allowing arbitrary non-pseudoknotted secondary structures", 2020):
 * <ul>
 * <li>toehold binding: {@code k_bind = 3e5 /M/s} per nucleotide of the toehold;</li>
 * <li>toehold opening: {@code k_open = k_bind exp((L dG_bp + dG_assoc) / RT)} with
 *     {@code dG_bp = -1.7} and {@code dG_assoc = 1.9} kcal/mol at 25 C;</li>
 * <li>3-way branch migration initiated without a dangling end: {@code k_bm = (1 / 3 ms) / L}
 *     over the whole helix of L nucleotides that is displaced (a long domain and the toehold
 *     after it, as Peppercorn's maximal-helix semantics treat it).</li>
 * </ul>
 * A bimolecular step that binds a toehold and then branch-migrates condenses, as Peppercorn does,
 * to {@code k_bind P} where P is the probability of completing rather than falling off. With 5-nt
 * toeholds and 15-nt long domains these are 6.505e-4 /nM/s (displacement) and 4.537e-4 /nM/s
 * (the reversible exchange of Soloveichik et al.'s bimolecular gate), the constants of the
 * reference enumeration of the heart CRN.
 */
public record RateModel(int toeholdNt, int longNt) {

    private static final double K_NUC = 3e5;          // /M/s per nucleotide
    private static final double DG_BP = -1.7;         // kcal/mol per base pair
    private static final double DG_ASSOC = 1.9;       // kcal/mol
    private static final double RT = 0.001987 * 298.15;
    private static final double K_INIT = 1 / 3.0e-3;  // /s, 3-way initiation without dangle
    private static final double PER_NM = 1e-9;        // /M/s -> /nM/s

    public RateModel {
        if (toeholdNt < 1 || longNt < 1) {
            throw new IllegalArgumentException("domain lengths must be positive (toehold " + toeholdNt + ", long "
                    + longNt + ")");
        }
    }

    /** Binding of a toehold, /M/s. */
    public double bindPerMolarSecond() {
        return K_NUC * toeholdNt;
    }

    /** Opening (dissociation) of a bound toehold, /s. */
    public double toeholdOpening() {
        return bindPerMolarSecond() * Math.exp((toeholdNt * DG_BP + DG_ASSOC) / RT);
    }

    /** Branch migration across a long domain and the toehold after it, /s. */
    public double branchMigration() {
        return K_INIT / (longNt + toeholdNt);
    }

    /** Probability that a bound toehold leads to displacement rather than falling off. */
    double displacementProbability() {
        return branchMigration() / (branchMigration() + toeholdOpening());
    }

    /**
     * A strand binds a toehold and displaces a strand for good (the displaced strand is released
     * or nothing can take its place), /nM/s.
     */
    public double displacement() {
        return bindPerMolarSecond() * displacementProbability() * PER_NM;
    }

    /**
     * A strand binds a toehold and displaces a strand that stays bound by a toehold of its own
     * until it opens; from there the displaced strand can branch-migrate back. The chance of
     * going all the way is {@code p1 p2 / (1 - p1 (1 - p2))}, with p1 the displacement
     * probability from the first toehold and p2 = k_open / (k_open + k_bm) that of the second
     * toehold opening before the reverse migration. Symmetric, so the reverse exchange has the
     * same constant, /nM/s.
     */
    public double exchange() {
        double p1 = displacementProbability();
        double p2 = toeholdOpening() / (toeholdOpening() + branchMigration());
        return bindPerMolarSecond() * p1 * p2 / (1 - p1 * (1 - p2)) * PER_NM;
    }
}
