package nn2crn.compile;

import java.util.Arrays;

/**
 * How a rate-independent CRN's outputs are read.
 *
 * <ul>
 *   <li>{@link #RAILS}: dual-rail, {@code y_j = [y<j>_pos] - [y<j>_neg]} (the compilers' output).</li>
 *   <li>{@link #SUBTRACT}: a common offset c is added to every output's bias and one annihilation
 *   {@code y<j>_pos + y<j>_neg ->} per class does the subtraction in the tube; the outputs are the
 *   single species {@code y<j>_pos}, ending at {@code max(y_j + c, 0)} ({@link SubtractReadout}).</li>
 *   <li>{@link #WTA}: subtract, then pairwise annihilation between the classes and catalytic
 *   restoration of the survivor ({@link WtaReadout}); outputs {@code y<j>_on}, the winner's at a fixed
 *   level, the others near 0. Rate-dependent.</li>
 * </ul>
 */
public enum Readout {
    RAILS("rails"),
    SUBTRACT("subtract"),
    WTA("wta");

    public final String id;

    Readout(String id) {
        this.id = id;
    }

    public static Readout parse(String name) {
        return Arrays.stream(values()).filter(r -> r.id.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown read-out '" + name + "' (known: rails, subtract, wta)"));
    }

    @Override
    public String toString() {
        return id;
    }
}
