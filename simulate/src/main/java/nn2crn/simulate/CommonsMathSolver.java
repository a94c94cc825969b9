package nn2crn.simulate;

import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;

/** Commons Math's explicit adaptive Dormand-Prince integrators on a {@link MassActionSystem}. */
final class CommonsMathSolver implements OdeSolver {

    private final MassActionSystem system;
    private final SolverSettings settings;
    private final double[] derivative;

    CommonsMathSolver(MassActionSystem system, SolverSettings settings) {
        this.system = system;
        this.settings = settings;
        this.derivative = new double[system.species];
    }

    @Override
    public Solution solve(double[] start, double tMax, StepObserver observer) {
        AdaptiveStepsizeIntegrator integrator = settings.method() == SolverSettings.Method.DP54
                ? new DormandPrince54Integrator(1e-12, tMax, settings.atol(), settings.rtol())
                : new DormandPrince853Integrator(1e-12, tMax, settings.atol(), settings.rtol());
        FirstOrderDifferentialEquations odes = new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return system.species;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                system.derivative(y, yDot);
            }
        };
        // the last accepted state: what a stopped integration reports (never the start state)
        LastAccepted last = new LastAccepted(start);
        observer.accepted(0, start);
        integrator.addStepHandler(new StepHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {
            }

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                double now = interpolator.getCurrentTime();
                interpolator.setInterpolatedTime(now);
                double[] state = interpolator.getInterpolatedState();
                for (double v : state) {
                    if (!Double.isFinite(v)) {
                        // an explicit method accepts a NaN error estimate: stop at the last finite state
                        throw new BlowUp();
                    }
                }
                last.accept(now, state);
                observer.accepted(now, state);
                if (last.steps >= settings.maxSteps() && !isLast) {
                    throw new MaxCountExceededException(settings.maxSteps());
                }
            }
        });
        boolean[] steady = {false};
        if (settings.steadyTolerance() > 0) {
            integrator.addEventHandler(new SteadyState(steady), Math.max(tMax / 1000, 1e-6), 1e-9, 100);
        }
        double[] y = start.clone();
        SolverStatus status;
        try {
            integrator.integrate(odes, 0, y, tMax, y);
            status = steady[0] ? SolverStatus.STEADY : SolverStatus.T_MAX;
        } catch (MaxCountExceededException e) {
            status = SolverStatus.STEP_BUDGET;
        } catch (NumberIsTooSmallException e) {
            status = SolverStatus.STEP_UNDERFLOW;
        } catch (BlowUp e) {
            status = SolverStatus.BLOW_UP;
        }
        return new Solution(last.state, last.time, status, last.steps, -1, integrator.getEvaluations(), 0);
    }

    /** The state and time after the last accepted step (the start before any). */
    private static final class LastAccepted {
        double time;
        final double[] state;
        int steps;

        LastAccepted(double[] start) {
            state = start.clone();
        }

        void accept(double t, double[] values) {
            time = t;
            System.arraycopy(values, 0, state, 0, state.length);
            steps++;
        }
    }

    /** A step produced an infinite or NaN concentration. */
    private static final class BlowUp extends RuntimeException {
        BlowUp() {
            super("a concentration became infinite or NaN", null, false, false);
        }
    }

    /** Stops the integration once every derivative is below the steady-state tolerance. */
    private final class SteadyState implements EventHandler {
        private final boolean[] reached;

        SteadyState(boolean[] reached) {
            this.reached = reached;
        }

        @Override
        public void init(double t0, double[] y0, double t) {
        }

        @Override
        public double g(double t, double[] y) {
            system.derivative(y, derivative);
            double max = 0;
            for (double d : derivative) {
                max = Math.max(max, Math.abs(d));
            }
            return max - settings.steadyTolerance();
        }

        @Override
        public Action eventOccurred(double t, double[] y, boolean increasing) {
            if (!increasing) {
                reached[0] = true;
                return Action.STOP;
            }
            return Action.CONTINUE;
        }

        @Override
        public void resetState(double t, double[] y) {
        }
    }
}
