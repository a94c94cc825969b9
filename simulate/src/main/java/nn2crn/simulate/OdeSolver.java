package nn2crn.simulate;

/** Integrates a {@link MassActionSystem} from a start state; one instance per thread. */
public interface OdeSolver {

    Solution solve(double[] start, double tMax, StepObserver observer);
}
