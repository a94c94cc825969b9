package nn2crn.crn;

import java.util.Arrays;

/**
 * What one network unit of concentration is in the lab, e.g. 100 nM. Concentrations scale by
 * {@code value}; a rate constant of a reaction of order n by {@code value^(1 - n)}, so the time
 * course is the same in seconds.
 */
public record ConcentrationUnit(Molar unit, double value) {

    /**
     * Used when none is chosen: 1 network unit = 1 uM, so a rate constant of 1 is 10^6 /M/s for a
     * bimolecular reaction, a typical strand-displacement rate, and every number in the SBML file
     * equals the network's.
     */
    public static final ConcentrationUnit DEFAULT = new ConcentrationUnit(Molar.uM, 1);

    public enum Molar {
        M(0), mM(-3), uM(-6), nM(-9), pM(-12);

        /** The power of ten of one unit in mol/L. */
        public final int scale;

        Molar(int scale) {
            this.scale = scale;
        }

        public static Molar parse(String text) {
            // in any case (nm, NM, nM): the five units stay distinct, and "µM" is read as uM
            String unit = text.replace('\u00b5', 'u');
            return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(unit)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown concentration unit '" + text
                            + "' (known: M, mM, uM, nM, pM)"));
        }
    }

    public ConcentrationUnit {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("unit value must be a positive number, is " + value);
        }
    }

    public double concentration(double networkUnits) {
        return networkUnits * value;
    }

    public double rate(double rate, int order) {
        return rate * Math.pow(value, 1 - order);
    }

    @Override
    public String toString() {
        return CrnText.number(value) + " " + unit;
    }
}
