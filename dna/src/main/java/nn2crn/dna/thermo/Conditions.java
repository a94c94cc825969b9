package nn2crn.dna.thermo;

/**
 * Solution conditions for the nearest-neighbour duplex model.
 *
 * <ul>
 *   <li>{@code temperatureC}: temperature at which ΔG is evaluated, °C.</li>
 *   <li>{@code naMM}: monovalent cations (Na<sup>+</sup>, K<sup>+</sup>, Tris<sup>+</sup> together), mM.</li>
 *   <li>{@code mgMM}: total Mg<sup>2+</sup>, mM.</li>
 *   <li>{@code dntpMM}: dNTPs, mM (they chelate Mg<sup>2+</sup>; 0 in a strand-displacement buffer).</li>
 *   <li>{@code strandConcentrationNM}: total strand concentration C<sub>T</sub> for Tm, nM: both strands
 *       together, equimolar, so each strand is at C<sub>T</sub>/2 and a non-self-complementary Tm uses
 *       C<sub>T</sub>/4 (SantaLucia 1998; ntthal's {@code -d} has the same meaning). It does not enter ΔG,
 *       which is the standard (1 M) free energy.</li>
 * </ul>
 *
 * <p>{@link #DEFAULT} is the usual DNA strand-displacement buffer, 1×TAE with 12.5 mM Mg<sup>2+</sup> at
 * 25 °C: 25 °C, 0 mM Na<sup>+</sup> (the Tris in TAE is ignored, as ntthal's {@code -mv 0} does), 12.5 mM
 * Mg<sup>2+</sup>, no dNTPs, 100 nM total strands (a typical gate/fuel concentration).
 */
public record Conditions(double temperatureC, double naMM, double mgMM, double dntpMM, double strandConcentrationNM) {

    /** 25 °C, 0 mM Na<sup>+</sup>, 12.5 mM Mg<sup>2+</sup>, 0 mM dNTP, 100 nM total strands (TAE/Mg). */
    public static final Conditions DEFAULT = new Conditions(25.0, 0.0, 12.5, 0.0, 100.0);

    /** 1 M Na<sup>+</sup>, no Mg<sup>2+</sup>, 37 °C, 100 nM: the reference state of the NN parameter tables. */
    public static final Conditions ONE_MOLAR_NA_37C = new Conditions(37.0, 1000.0, 0.0, 0.0, 100.0);

    public Conditions {
        if (!(temperatureC > -273.15) || !Double.isFinite(temperatureC)) {
            throw new IllegalArgumentException("temperature must be above absolute zero: " + temperatureC);
        }
        if (!(naMM >= 0) || !(mgMM >= 0) || !(dntpMM >= 0) || !Double.isFinite(naMM) || !Double.isFinite(mgMM)
                || !Double.isFinite(dntpMM)) {
            throw new IllegalArgumentException("concentrations must be finite and non-negative: Na " + naMM
                    + " mM, Mg " + mgMM + " mM, dNTP " + dntpMM + " mM");
        }
        if (!(strandConcentrationNM > 0) || !Double.isFinite(strandConcentrationNM)) {
            throw new IllegalArgumentException("strand concentration must be positive: " + strandConcentrationNM);
        }
    }

    /** The default buffer at another temperature. */
    public static Conditions atTemperature(double temperatureC) {
        return DEFAULT.withTemperatureC(temperatureC);
    }

    public Conditions withTemperatureC(double t) {
        return new Conditions(t, naMM, mgMM, dntpMM, strandConcentrationNM);
    }

    public Conditions withSalt(double naMM, double mgMM) {
        return new Conditions(temperatureC, naMM, mgMM, dntpMM, strandConcentrationNM);
    }

    public Conditions withStrandConcentrationNM(double nM) {
        return new Conditions(temperatureC, naMM, mgMM, dntpMM, nM);
    }

    /** Temperature in kelvin. */
    public double temperatureK() {
        return temperatureC + NearestNeighbor.KELVIN;
    }
}
