package nn2crn.simulate;

/** Sees the state after every accepted step (and at t = 0); must not keep {@code state}. */
@FunctionalInterface
public interface StepObserver {

    StepObserver NONE = (t, state) -> { };

    void accepted(double t, double[] state);

    /**
     * Asked after each accepted step (after {@link #accepted}): true ends the integration there, with
     * status {@link SolverStatus#SETTLED}. Never, unless an observer says otherwise.
     */
    default boolean settled(double t, double[] state) {
        return false;
    }

    /**
     * This observer for an integration that starts at {@code offset}: times shifted by it, the
     * start itself left out unless {@code withStart} (it is the previous part's last step).
     */
    default StepObserver shifted(double offset, boolean withStart) {
        StepObserver outer = this;
        return new StepObserver() {
            @Override
            public void accepted(double t, double[] state) {
                if (withStart || t > 0) {
                    outer.accepted(offset + t, state);
                }
            }

            @Override
            public boolean settled(double t, double[] state) {
                return outer.settled(offset + t, state);
            }
        };
    }
}
