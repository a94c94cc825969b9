package nn2crn.compile;

import nn2crn.crn.Completion;
import nn2crn.crn.Crn;
import nn2crn.crn.CrnStructure;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a CRN computes a given network, checked before a long job (a DNA design, a simulation)
 * rather than discovered in its results: the same number of inputs and outputs, and, for a
 * rate-independent CRN, final outputs equal to the network's on a few inputs (the final state is
 * computed exactly by {@link Completion}, without integrating anything).
 */
public final class NetworkMatch {

    /** Relative tolerance of the output comparison (the completion is exact up to round-off). */
    static final double TOLERANCE = 1e-6;

    private NetworkMatch() {
    }

    /**
     * The first way in which the CRN does not compute the network, or empty when it does on these
     * inputs.
     */
    public static Optional<String> problem(Network network, Crn crn, double[][] inputs) {
        if (crn.inputs().size() != network.inputs()) {
            return Optional.of("CRN '" + crn.name() + "' takes " + crn.inputs().size() + " features, network '"
                    + network.name() + "' " + network.inputs() + ": it is not the CRN of this network");
        }
        int outputs = network.outputs();
        if (crn.outputs().size() != outputs) {
            return Optional.of("CRN '" + crn.name() + "' has " + crn.outputs().size() + " outputs, network '"
                    + network.name() + "' " + outputs + ": it is not the CRN of this network");
        }
        if (!CrnStructure.of(crn).rateIndependent()) {
            return Optional.empty();
        }
        Network expected = CrnCompiler.expectedFunction(network, crn);
        for (int e = 0; e < inputs.length; e++) {
            double[] want = ForwardPass.outputs(expected, inputs[e]);
            double[] got = crn.outputValues(Completion.stableState(crn, crn.initialState(inputs[e])));
            for (int j = 0; j < want.length; j++) {
                if (Math.abs(got[j] - want[j]) > TOLERANCE * Math.max(1, Math.abs(want[j]))) {
                    return Optional.of(String.format(Locale.ROOT, "CRN '%s' does not compute network '%s': on example "
                                    + "%d its final output %d is %.6g, the network's %.6g (is it the CRN of this network?)",
                            crn.name(), network.name(), e, j, got[j], want[j]));
                }
            }
        }
        return Optional.empty();
    }
}
