package nn2crn.crn;

/**
 * A read-out: {@code positive - negative} for a dual-rail output, or {@code positive} alone when
 * {@code negative} is null.
 */
public record CrnOutput(String name, String positive, String negative) implements java.io.Serializable {

    public double value(double positiveAmount, double negativeAmount) {
        return negative == null ? positiveAmount : positiveAmount - negativeAmount;
    }
}
