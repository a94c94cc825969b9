package nn2crn.dna;

/**
 * A domain of the design: a stretch of sequence that binds its complement as a unit. Toeholds are
 * short (they bind reversibly), the others long (branch migration, history).
 */
public record Domain(String name, int length, boolean toehold) {

    /** The name of a domain's complement in kernel notation ({@code a} and {@code a*}). */
    public static String complement(String name) {
        return name.endsWith("*") ? name.substring(0, name.length() - 1) : name + "*";
    }

    /** The domain name without a complement mark. */
    public static String base(String name) {
        return name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
    }
}
