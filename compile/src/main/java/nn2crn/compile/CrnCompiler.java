package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.network.Network;

import java.util.List;

/** Compiles a network into a CRN by one of the two {@link Scheme}s. */
public final class CrnCompiler {

    private CrnCompiler() {
    }

    public static Crn compile(Network network, CompileOptions options) {
        return switch (options.scheme()) {
            case RATE_INDEPENDENT -> RateIndependentCompiler.compile(network, options);
            case SMOOTH_RELU -> SmoothReluCompiler.compile(network, options);
        };
    }

    /**
     * The network whose forward pass the CRN's steady-state outputs equal: the network itself for
     * the rate-independent scheme; for the smoothed-ReLU scheme the network with s_eps on every
     * layer, the output layer included.
     */
    public static Network expectedFunction(Network network, Crn crn) {
        Object scheme = crn.info().get("scheme");
        if (Scheme.SMOOTH_RELU.id.equals(scheme)) {
            if (!(crn.info().get("eps") instanceof List<?> eps) || eps.size() != network.layers().size()) {
                throw new CrnException("CRN '" + crn.name() + "' does not record one eps per layer of network '"
                        + network.name() + "'");
            }
            return SmoothReluCompiler.smoothed(network, eps.stream().map(e -> ((Number) e).doubleValue()).toList());
        }
        return network;
    }
}
