package nn2crn.simulate;

import nn2crn.compile.CompileOptions;
import nn2crn.compile.CrnCompiler;
import nn2crn.compile.Scheme;
import nn2crn.compile.TestNetworks;
import nn2crn.crn.Crn;
import nn2crn.network.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Answers do not depend on the integrator: at the default tolerances every method's outputs lie
 * within 1e-4 (relative to max(1, |y|)) of a tight Rodas4 integration (rtol 1e-10), on the plain,
 * reduced and smoothed-ReLU CRNs of a random ternary network; so do nn2crn's own methods with the
 * error relative to each species' peak.
 */
class SolverAgreementTest {

    private static final SolverSettings REFERENCE = new SolverSettings(SolverSettings.Method.RODAS4, 1e-10, 1e-12, 0,
            1_000_000);

    @ParameterizedTest
    @EnumSource(SolverSettings.Method.class)
    void outputsMatchATightReference(SolverSettings.Method method) {
        check(new SolverSettings(method, SolverSettings.DEFAULT.rtol(), SolverSettings.DEFAULT.atol(),
                0, SolverSettings.DEFAULT.maxSteps()));
    }

    @ParameterizedTest
    @EnumSource(value = SolverSettings.Method.class, names = {"AUTO", "DOPRI5", "ROSENBROCK", "RODAS4"})
    void peakScaledErrorsMatchATightReference(SolverSettings.Method method) {
        check(new SolverSettings(method, SolverSettings.DEFAULT.rtol(), SolverSettings.DEFAULT.atol(),
                0, SolverSettings.DEFAULT.maxSteps(), SolverSettings.ErrorScale.PEAK));
    }

    private static void check(SolverSettings settings) {
        SolverSettings.Method method = settings.method();
        Random random = new Random(21);
        Network network = TestNetworks.random(random, new int[]{5, 7, 6, 3}, new double[]{-1, 0, 1});
        for (CompileOptions options : new CompileOptions[]{CompileOptions.of(Scheme.RATE_INDEPENDENT),
                CompileOptions.of(Scheme.RATE_INDEPENDENT).withReduce(true), CompileOptions.of(Scheme.SMOOTH_RELU)}) {
            Crn crn = CrnCompiler.compile(network, options);
            MassActionSystem system = new MassActionSystem(crn);
            for (int k = 0; k < 3; k++) {
                double[] start = crn.initialState(TestNetworks.randomInput(random, 5));
                Solution reference = REFERENCE.create(system).solve(start, 60, StepObserver.NONE);
                Solution solution = settings.create(system).solve(start, 60, StepObserver.NONE);
                assertEquals(SolverStatus.T_MAX, solution.status());
                double[] expected = crn.outputValues(reference.state());
                double[] actual = crn.outputValues(solution.state());
                for (int o = 0; o < expected.length; o++) {
                    assertEquals(expected[o], actual[o], 1e-4 * Math.max(1, Math.abs(expected[o])),
                            method.id + " (" + settings.errorScale().id + ") on " + options + ", example " + k + ", output " + o);
                }
            }
        }
    }
}
