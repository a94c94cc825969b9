package nn2crn.simulate;

import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnStructure;

/**
 * How far a state's outputs still have to move in a rate-independent CRN (feed-forward, each species
 * consumed by at most one reaction): such a CRN reaches the same final state from any state whatever
 * the rates, and {@link Completion} computes it by firing each reaction to completion in topological
 * order. From a state x the outputs end at {@code y(final(x))} however the integration would go on, so
 * {@code max_j |y_j(final(x)) - y_j(x)|} is the exact remaining change of every output (up to the
 * integration's own error in x): a certificate derived from the CRN's structure, not a plateau test.
 * An integration can stop once it is below a tolerance (status {@link SolverStatus#SETTLED}).
 *
 * <p>Thread-safe (it allocates per call): one instance can be shared.
 */
public final class RemainingChange {

    private final Completion.Plan plan;
    private final OutputReader reader;

    private RemainingChange(Completion.Plan plan, OutputReader reader) {
        this.plan = plan;
        this.reader = reader;
    }

    /**
     * The check for a CRN, or null where it does not apply: a CRN with competing consumers, a
     * cycle or a reaction without reactants (rate-dependent read-outs such as winner-take-all, DNA
     * implementations with their reversible bindings).
     */
    public static RemainingChange of(Crn crn) {
        if (crn.outputs().isEmpty() || !CrnStructure.of(crn).rateIndependent()
                || crn.reactions().stream().anyMatch(r -> r.reactants().isEmpty())) {
            return null;
        }
        return new RemainingChange(Completion.plan(crn), new OutputReader(crn));
    }

    /** The largest remaining change of an output from this state, network units. */
    public double at(double[] state) {
        double[] clamped = state.clone();
        for (int i = 0; i < clamped.length; i++) {
            // round-off negatives: as the read-out does, count them as nothing
            clamped[i] = Math.max(0, clamped[i]);
        }
        double[] now = reader.read(clamped);
        double[] last = reader.read(plan.state(clamped));
        double largest = 0;
        for (int j = 0; j < now.length; j++) {
            largest = Math.max(largest, Math.abs(last[j] - now[j]));
        }
        return largest;
    }
}
