package nn2crn.simulate;

/** Sees the state after every accepted step (and at t = 0); must not keep {@code state}. */
@FunctionalInterface
public interface StepObserver {

    StepObserver NONE = (t, state) -> { };

    void accepted(double t, double[] state);
}
