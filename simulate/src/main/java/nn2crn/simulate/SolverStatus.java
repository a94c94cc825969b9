package nn2crn.simulate;

import java.util.Locale;

/** How an integration ended. */
public enum SolverStatus {
    /** integrated up to t_max */
    T_MAX,
    /** every derivative fell below the steady-state tolerance before t_max */
    STEADY,
    /**
     * a rate-independent CRN's outputs were certified to move by less than the settle tolerance
     * from here on (see {@link RemainingChange})
     */
    SETTLED,
    /** the step budget ran out */
    STEP_BUDGET,
    /** the step size fell below what the time's precision allows */
    STEP_UNDERFLOW,
    /** a concentration became infinite or NaN */
    BLOW_UP;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean ok() {
        return this == T_MAX || this == STEADY || this == SETTLED;
    }
}
