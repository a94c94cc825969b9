package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnOutput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which values an evaluation writes to {@code time-course.csv}, and when: chosen species (or,
 * by default, the CRN's outputs) at chosen times. The integration stops exactly at each time,
 * so the values are the solver's, not interpolated.
 *
 * @param times   ascending, distinct, non-negative
 * @param species species names; empty for the outputs
 */
public record TimeCourse(double[] times, List<String> species) implements java.io.Serializable {

    public static final String FILE = "time-course.csv";

    public TimeCourse {
        times = times.clone();
        species = List.copyOf(species);
        if (times.length == 0) {
            throw new IllegalArgumentException("no times given");
        }
        for (int k = 0; k < times.length; k++) {
            if (!(times[k] >= 0) || Double.isInfinite(times[k])) {
                throw new IllegalArgumentException("time " + times[k] + " is not a finite non-negative number");
            }
            if (k > 0 && times[k] <= times[k - 1]) {
                throw new IllegalArgumentException("times must increase (" + times[k - 1] + " then " + times[k] + ")");
            }
        }
    }

    /**
     * Parses a comma-separated list of times ({@code 0,1,2.5,10}) or a range {@code START:STOP:STEP}
     * (both ends included when STOP - START is a multiple of STEP).
     */
    public static TimeCourse parse(String times, List<String> species) {
        String text = times.trim();
        if (text.contains(":")) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("'" + times + "' is not START:STOP:STEP");
            }
            double start = number(parts[0]);
            double stop = number(parts[1]);
            double step = number(parts[2]);
            if (!(step > 0) || stop < start) {
                throw new IllegalArgumentException("'" + times + "': STEP must be positive and STOP at least START");
            }
            long count = (long) Math.floor((stop - start) / step * (1 + 1e-12)) + 1;
            if (count > 1_000_000) {
                throw new IllegalArgumentException("'" + times + "' gives " + count + " times (at most 1,000,000)");
            }
            double[] values = new double[(int) count];
            for (int k = 0; k < count; k++) {
                values[k] = start + k * step;
            }
            return new TimeCourse(values, species);
        }
        String[] parts = text.split(",");
        double[] values = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            values[k] = number(parts[k]);
        }
        return new TimeCourse(values, species);
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a number");
        }
    }

    /** Checks the times against t_max and the species against the CRN; returns the column names. */
    public List<String> columns(Crn crn, double tMax) {
        if (times[times.length - 1] > tMax) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "time %s is after t_max %s",
                    times[times.length - 1], tMax));
        }
        if (species.isEmpty()) {
            return crn.outputs().stream().map(CrnOutput::name).toList();
        }
        Map<String, Integer> index = crn.speciesIndex();
        for (String name : species) {
            if (!index.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a species of CRN '" + crn.name() + "'");
            }
        }
        return species;
    }

    /** The header of {@code time-course.csv}. */
    public List<String> header(Crn crn, double tMax) {
        List<String> header = new ArrayList<>(List.of("example", "time"));
        header.addAll(columns(crn, tMax));
        return header;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeCourse other && Arrays.equals(times, other.times) && species.equals(other.species);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + species.hashCode();
    }

    @Override
    public String toString() {
        return "TimeCourse" + Arrays.toString(times) + (species.isEmpty() ? " of the outputs" : " of " + species);
    }
}
