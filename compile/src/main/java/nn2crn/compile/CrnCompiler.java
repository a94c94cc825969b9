package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.network.Activation;
import nn2crn.network.ForwardPass;
import nn2crn.network.Network;

import java.util.List;

/** Compiles a network into a CRN by one of the two {@link Scheme}s. */
public final class CrnCompiler {

    private CrnCompiler() {
    }

    public static Crn compile(Network network, CompileOptions options) {
        Crn crn = switch (options.scheme()) {
            case RATE_INDEPENDENT -> RateIndependentCompiler.compile(network, options);
            case SMOOTH_RELU -> SmoothReluCompiler.compile(network, options);
        };
        // after the reduce step, which would otherwise fold the chains back
        crn = options.maxFanOut() > 0 ? FanOutCap.apply(crn, options.maxFanOut()) : crn;
        // last: it needs the output rails unconsumed, which reduce and the cap leave so
        if (options.readout() == Readout.RAILS) {
            return crn;
        }
        crn = SubtractReadout.apply(crn, options.readoutOffset());
        return options.readout() == Readout.WTA ? WtaReadout.apply(crn, options.wtaLevelOrDefault()) : crn;
    }

    /**
     * The network whose forward pass the CRN's steady-state outputs equal: the network itself for
     * the rate-independent scheme; for the smoothed-ReLU scheme the network with s_eps on every
     * layer, the output layer included; with the subtract read-out ({@link SubtractReadout})
     * {@code max(y_j + c, 0)}.
     */
    public static Network expectedFunction(Network network, Crn crn) {
        // an implementing (DNA-level) CRN computes what its formal CRN does
        Object scheme = crn.implementation() != null ? crn.info().get("formal_scheme") : crn.info().get("scheme");
        if (Scheme.SMOOTH_RELU.id.equals(scheme)) {
            if (!(crn.info().get("eps") instanceof List<?> eps) || eps.size() != network.layers().size()) {
                throw new CrnException("CRN '" + crn.name() + "' does not record one eps per layer of network '"
                        + network.name() + "'");
            }
            return SmoothReluCompiler.smoothed(network, eps.stream().map(e -> ((Number) e).doubleValue()).toList());
        }
        Double offset = SubtractReadout.offsetOf(crn);
        return offset == null ? network : SubtractReadout.expectedFunction(network, offset);
    }

    /**
     * The values the CRN's outputs should end at, as a function of the features: the
     * {@link #expectedFunction}'s outputs, and with the winner-take-all read-out the ideal winner-take-all
     * of those ({@link WtaReadout#ideal}: the level on the largest, 0 elsewhere).
     */
    public static java.util.function.Function<double[], double[]> expectedOutputs(Network network, Crn crn) {
        Network expected = expectedFunction(network, crn);
        Object levelValue = crn.info().get("wta_level");
        if (!Readout.WTA.id.equals(crn.info().get("readout"))) {
            return x -> ForwardPass.outputs(expected, x);
        }
        if (!(levelValue instanceof Number level)) {
            throw new CrnException("CRN '" + crn.name() + "' has the winner-take-all read-out but records no wta_level");
        }
        return x -> WtaReadout.ideal(ForwardPass.outputs(expected, x), level.doubleValue());
    }

    /**
     * How far a smoothed-ReLU CRN's steady state is from the network it was compiled from, over
     * some inputs: the share of inputs with the same argmax, and the largest difference between an
     * output and s_eps of the network's output (the output layer's eps; exact networks give 0).
     */
    public record Approximation(int examples, double argmaxAgreement, double maxAbsError) {
    }

    public static Approximation approximation(Network network, Crn crn, double[][] inputs) {
        Network expected = expectedFunction(network, crn);
        double outputEps = expected.layers().get(expected.layers().size() - 1).eps();
        int agree = 0;
        double maxError = 0;
        for (double[] x : inputs) {
            double[] crnOutputs = ForwardPass.outputs(expected, x);
            double[] networkOutputs = ForwardPass.outputs(network, x);
            if (ForwardPass.argmax(crnOutputs) == ForwardPass.argmax(networkOutputs)) {
                agree++;
            }
            for (int j = 0; j < crnOutputs.length; j++) {
                double reference = expected == network ? networkOutputs[j] : Activation.smoothRelu(networkOutputs[j], outputEps);
                maxError = Math.max(maxError, Math.abs(crnOutputs[j] - reference));
            }
        }
        return new Approximation(inputs.length, inputs.length == 0 ? 1 : (double) agree / inputs.length, maxError);
    }
}
