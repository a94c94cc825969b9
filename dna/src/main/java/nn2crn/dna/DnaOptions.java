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
 */
public record DnaOptions(int toeholdNt, int domainNt, double unitNm, double fuelNm, double leakRate, double gateLeak) {

    /** 5-nt toeholds, 15-nt long domains (Nuskell's defaults), 10 nM per unit, fuels at 100 nM, no leak. */
    public static final DnaOptions DEFAULT = new DnaOptions(5, 15, 10, 100, 0, 0);

    public DnaOptions {
        if (toeholdNt < 1 || domainNt < 1) {
            throw new IllegalArgumentException("domain lengths must be positive (toehold " + toeholdNt + ", long "
                    + domainNt + ")");
        }
        positive(unitNm, "unit concentration");
        positive(fuelNm, "fuel concentration");
        if (!(leakRate >= 0) || Double.isInfinite(leakRate)) {
            throw new IllegalArgumentException("leak rate must be a finite number >= 0, is " + leakRate);
        }
        if (!(gateLeak >= 0 && gateLeak < 1)) {
            throw new IllegalArgumentException("gate leak must be a fraction in [0, 1), is " + gateLeak);
        }
    }

    private static void positive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, is " + value);
        }
    }

    public DnaOptions withUnitNm(double value) {
        return new DnaOptions(toeholdNt, domainNt, value, fuelNm, leakRate, gateLeak);
    }

    public DnaOptions withLeak(double rate, double gate) {
        return new DnaOptions(toeholdNt, domainNt, unitNm, fuelNm, rate, gate);
    }

    public RateModel rates() {
        return new RateModel(toeholdNt, domainNt);
    }
}
