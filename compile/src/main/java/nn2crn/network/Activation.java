package nn2crn.network;

import java.util.Arrays;
import java.util.Locale;

/** Activation of a network layer, with the names {@code network.json} uses. */
public enum Activation {
    RELU("relu"),
    /** Linear output layer; {@code linear} is accepted as another name for it. */
    IDENTITY("identity"),
    /** The smoothed ReLU s_eps(z) = (z + sqrt(z^2 + 4 eps)) / 2 of Anderson, Joshi and Deshpande. */
    SMOOTH_RELU("smooth-relu");

    public final String jsonName;

    Activation(String jsonName) {
        this.jsonName = jsonName;
    }

    public static Activation parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("linear")) {
            return IDENTITY;
        }
        return Arrays.stream(values()).filter(a -> a.jsonName.equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown activation '" + name
                        + "' (known: relu, identity, smooth-relu)"));
    }

    public double apply(double z, double eps) {
        return switch (this) {
            case RELU -> Math.max(0, z);
            case IDENTITY -> z;
            case SMOOTH_RELU -> smoothRelu(z, eps);
        };
    }

    /** s_eps(z), written to stay accurate for large negative z. */
    public static double smoothRelu(double z, double eps) {
        double root = Math.sqrt(z * z + 4 * eps);
        return z >= 0 ? (z + root) / 2 : 2 * eps / (root - z);
    }
}
