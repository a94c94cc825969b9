package nn2crn.dna;

/**
 * Choices of a translation.
 *
 * @param toeholdNt  length of the short (toehold) domains
 * @param domainNt   length of the long (branch-migration and history) domains
 * @param unitNm     concentration of one network unit of the formal CRN, nM
 * @param fuelNm     concentration of every fuel complex, nM
 * @param leakRate   /nM/s: each gate also reacts with its translator as if triggered (0: no leak)
 * @param gateLeak   fraction of every gate that starts triggered (0: none)
 * @param maxStrandNt strands longer than this are warned about (oligo synthesis stops near 200 nt)
 * @param keepReactantOrder take every reaction's reactants as written, even where the other order
 *                   avoids cross-talk ({@link ReactantOrder})
 * @param readoutFuelNm concentration of the fuels of the read-out stage's annihilations (subtract's
 *                   {@code y<j>_pos + y<j>_neg ->}, winner-take-all's pairs and returns, formal reactions
 *                   whose reactants are all in the formal CRN's {@code readout_species}): they fire
 *                   the sum of what the classes cancel, often many units, where a network gate fires
 *                   one value
 */
public record DnaOptions(int toeholdNt, int domainNt, double unitNm, double fuelNm, double leakRate, double gateLeak,
                         int maxStrandNt, boolean keepReactantOrder, double readoutFuelNm) {

    /** The read-out stage's fuels, unless given: this many times the other fuels. */
    public static final double READOUT_FUEL_FACTOR = 10;

    /** Standard oligo synthesis stops near 200 nt, and full-length yield falls well before. */
    public static final int SYNTHESIS_LIMIT_NT = 200;

    /**
     * Leak of a gate with its translator, /nM/s: 1e-9 /nM/s = 1 /M/s, Visual DSD's default leak
     * rate constant (its {@code leak} directive), the order of the leak of strand-displacement
     * gates without clamps.
     */
    public static final double DEFAULT_LEAK_PER_NM_S = 1e-9;

    /** 5-nt toeholds, 15-nt long domains (Nuskell's defaults), 10 nM per unit, fuels at 100 nM, no leak. */
    public static final DnaOptions DEFAULT = new DnaOptions(5, 15, 10, 100, 0, 0);

    /** With the synthesis limit as the strand-length warning and the reactants in the order chosen. */
    public DnaOptions(int toeholdNt, int domainNt, double unitNm, double fuelNm, double leakRate, double gateLeak) {
        this(toeholdNt, domainNt, unitNm, fuelNm, leakRate, gateLeak, SYNTHESIS_LIMIT_NT, false,
                READOUT_FUEL_FACTOR * fuelNm);
    }

    public DnaOptions {
        if (toeholdNt < 1 || domainNt < 1) {
            throw new IllegalArgumentException("domain lengths must be positive (toehold " + toeholdNt + ", long "
                    + domainNt + ")");
        }
        positive(unitNm, "unit concentration");
        positive(fuelNm, "fuel concentration");
        positive(readoutFuelNm, "read-out fuel concentration");
        if (!(leakRate >= 0) || Double.isInfinite(leakRate)) {
            throw new IllegalArgumentException("leak rate must be a finite number >= 0, is " + leakRate);
        }
        if (!(gateLeak >= 0 && gateLeak < 1)) {
            throw new IllegalArgumentException("gate leak must be a fraction in [0, 1), is " + gateLeak);
        }
        if (maxStrandNt < 1) {
            throw new IllegalArgumentException("the strand length limit must be positive, is " + maxStrandNt);
        }
    }

    private static void positive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, is " + value);
        }
    }

    public DnaOptions withUnitNm(double value) {
        return new DnaOptions(toeholdNt, domainNt, value, fuelNm, leakRate, gateLeak, maxStrandNt, keepReactantOrder, readoutFuelNm);
    }

    public DnaOptions withLeak(double rate, double gate) {
        return new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, rate, gate, maxStrandNt, keepReactantOrder, readoutFuelNm);
    }

    public DnaOptions withMaxStrandNt(int value) {
        return new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, leakRate, gateLeak, value, keepReactantOrder, readoutFuelNm);
    }

    public DnaOptions withKeepReactantOrder(boolean value) {
        return new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, leakRate, gateLeak, maxStrandNt, value, readoutFuelNm);
    }

    public DnaOptions withReadoutFuelNm(double value) {
        return new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, leakRate, gateLeak, maxStrandNt, keepReactantOrder,
                value);
    }

    public RateModel rates() {
        return new RateModel(toeholdNt, domainNt);
    }
}
