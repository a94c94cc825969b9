package nn2crn.compile;

import java.util.Arrays;

/** The two ways a network becomes a CRN. */
public enum Scheme {
    /** Vasic, Chalk, Khurshid, Soloveichik (ICML 2020): dual-rail, rate-independent ReLU. */
    RATE_INDEPENDENT("rate-independent"),
    /** Anderson, Joshi, Deshpande (2021): one species per unit, mass-action smoothed ReLU. */
    SMOOTH_RELU("smooth-relu");

    public final String id;

    Scheme(String id) {
        this.id = id;
    }

    public static Scheme parse(String text) {
        return Arrays.stream(values()).filter(s -> s.id.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scheme '" + text
                        + "' (known: rate-independent, smooth-relu)"));
    }

    @Override
    public String toString() {
        return id;
    }
}
