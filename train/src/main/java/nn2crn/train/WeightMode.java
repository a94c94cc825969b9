package nn2crn.train;

import java.util.Arrays;

/** How latent real weights map to the weights the network uses and exports. */
public enum WeightMode {
    /** sign(w), with 0 mapped to +1. */
    BINARY("binary"),
    /** 0 where |w| is below the threshold, else sign(w). */
    TERNARY("ternary"),
    /** Unchanged real weights. */
    REAL("real");

    public final String configName;

    WeightMode(String configName) {
        this.configName = configName;
    }

    public static WeightMode parse(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not one of binary, ternary, real"));
    }

    public double apply(double latent, double threshold) {
        return switch (this) {
            case BINARY -> latent >= 0 ? 1 : -1;
            case TERNARY -> Math.abs(latent) < threshold ? 0 : Math.signum(latent);
            case REAL -> latent;
        };
    }
}
