package nn2crn.crn;

import java.util.List;

/**
 * How one feature enters the CRN: the value {@code v = x - shift} adds {@code count * v} to the
 * initial concentration of each positive target if {@code v >= 0}, else {@code count * -v} to
 * each negative target. Single-rail inputs have no negative targets (then {@code v} must be
 * non-negative). Before reduction each rail has one target (the input species); reduction moves
 * the input onto the species it feeds (none, if the feature's weights are all 0).
 */
public record CrnInput(int feature, String name, double shift, boolean dualRail, List<Term> positive,
                       List<Term> negative) implements java.io.Serializable {

    public CrnInput {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (!dualRail && !negative.isEmpty()) {
            throw new IllegalArgumentException("single-rail input " + name + " has negative targets");
        }
    }
}
