package nn2crn.simulate;

import java.util.SplittableRandom;

/**
 * Gillespie's direct method on a {@link StochasticSystem}: exact trajectories of the chemical
 * master equation. The propensities sit in the leaves of a binary sum tree, so choosing the next
 * reaction and updating the propensities an event changes (its dependents) take O(log M) each,
 * however large the fan-out; each update recomputes the partial sums above the leaf from their
 * children, so rounding cannot accumulate over millions of events. A CRN with at most
 * {@value #LINEAR_UP_TO} reactions keeps the propensities in a plain array instead, with a running
 * total (recomputed exactly every {@value #RESUM_EVERY} events, and whenever a scan finds nothing to
 * fire, so that rounding cannot mistake a finished system for a running one); at that size a scan is
 * faster than walking the tree for every update.
 * Counts are {@code long}. One instance per thread.
 */
public final class StochasticSimulator {

    /** How a trajectory ended. */
    public enum Status {
        /** no reaction can fire any more: the final state (for a rate-independent CRN, the answer) */
        FINAL,
        /** reached t_max with reactions still possible */
        T_MAX,
        /** the event budget ran out first */
        EVENT_BUDGET,
        /** a count or propensity overflowed (an explosive CRN) */
        OVERFLOW;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public boolean completed() {
            return this == FINAL || this == T_MAX;
        }
    }

    /** The end of one trajectory; {@code state} is the last state reached. */
    public record Run(long[] state, double time, long events, Status status) {
    }

    /** Sees the state after every event that changes one of the watched species. */
    @FunctionalInterface
    public interface Observer {
        void changed(double t, long[] state);
    }

    /** Up to this many reactions a linear scan beats the tree. */
    static final int LINEAR_UP_TO = 64;
    private static final int RESUM_EVERY = 256;

    private final StochasticSystem system;
    private final boolean linear;
    private final int leaves;
    private final double[] tree;
    private final long[] x;
    private double linearTotal;
    // which reactions change a watched species, for the watched array last seen
    private boolean[] watchedFor;
    private boolean[] touchesWatched;

    public StochasticSimulator(StochasticSystem system) {
        this.system = system;
        int size = 1;
        while (size < Math.max(1, system.reactions)) {
            size <<= 1;
        }
        leaves = size;
        tree = new double[2 * size];
        linear = system.reactions <= LINEAR_UP_TO;
        x = new long[system.species];
    }

    /**
     * One trajectory from {@code start} to {@code tMax} (or until nothing can fire, or the event
     * budget is spent).
     *
     * @param watched species whose changes the observer sees (null: none)
     */
    public Run run(long[] start, double tMax, long maxEvents, SplittableRandom random, boolean[] watched,
                   Observer observer) {
        System.arraycopy(start, 0, x, 0, x.length);
        rebuild();
        boolean[] touches = touching(watched);
        double t = 0;
        long events = 0;
        StochasticSystem s = system;
        while (true) {
            if (linear && (events & (RESUM_EVERY - 1)) == 0) {
                linearTotal = exactTotal();
            }
            double total = linear ? linearTotal : tree[1];
            if (linear && !(total > 0)) {
                // drift can leave a finished system's running total a hair off zero: recount before deciding
                linearTotal = exactTotal();
                total = linearTotal;
            }
            if (!(total > 0)) {
                if (total == 0) {
                    return new Run(x.clone(), t, events, Status.FINAL);
                }
                return new Run(x.clone(), t, events, Status.OVERFLOW);
            }
            if (Double.isInfinite(total)) {
                return new Run(x.clone(), t, events, Status.OVERFLOW);
            }
            double dt = -Math.log(1 - random.nextDouble()) / total;
            if (t + dt > tMax) {
                return new Run(x.clone(), tMax, events, Status.T_MAX);
            }
            if (events >= maxEvents) {
                return new Run(x.clone(), t, events, Status.EVENT_BUDGET);
            }
            t += dt;
            int r = linear ? linearSelect(random.nextDouble() * total) : select(random.nextDouble() * total);
            if (r < 0) {
                // the running total had drifted above what is left: recount, and decide again
                linearTotal = exactTotal();
                continue;
            }
            for (int c = s.changeStart[r]; c < s.changeStart[r + 1]; c++) {
                int species = s.changeSpecies[c];
                long next = x[species] + s.changeDelta[c];
                if (next < 0 || next > Long.MAX_VALUE / 4) {
                    // a rounding slip chose a reaction that cannot fire, or a count ran away
                    return new Run(x.clone(), t, events, Status.OVERFLOW);
                }
                x[species] = next;
            }
            events++;
            for (int d = s.dependentStart[r]; d < s.dependentStart[r + 1]; d++) {
                int q = s.dependents[d];
                update(q, s.propensity(q, x));
            }
            if (touches != null && touches[r]) {
                observer.changed(t, x);
            }
        }
    }

    /** Per reaction, whether it changes a watched species (cached for the same array). */
    private boolean[] touching(boolean[] watched) {
        if (watched == null) {
            return null;
        }
        if (watched != watchedFor) {
            touchesWatched = new boolean[system.reactions];
            for (int r = 0; r < system.reactions; r++) {
                for (int c = system.changeStart[r]; c < system.changeStart[r + 1]; c++) {
                    touchesWatched[r] |= watched[system.changeSpecies[c]];
                }
            }
            watchedFor = watched;
        }
        return touchesWatched;
    }

    private void rebuild() {
        java.util.Arrays.fill(tree, 0);
        for (int r = 0; r < system.reactions; r++) {
            tree[leaves + r] = system.propensity(r, x);
        }
        for (int i = leaves - 1; i >= 1; i--) {
            tree[i] = tree[2 * i] + tree[2 * i + 1];
        }
        linearTotal = exactTotal();
    }

    private double exactTotal() {
        double total = 0;
        for (int r = 0; r < system.reactions; r++) {
            total += tree[leaves + r];
        }
        return total;
    }

    /** The reaction whose interval holds u, or -1 if u is beyond every propensity (a drifted total). */
    private int linearSelect(double u) {
        int last = -1;
        for (int r = 0; r < system.reactions; r++) {
            double a = tree[leaves + r];
            if (a > 0) {
                if (u < a) {
                    return r;
                }
                u -= a;
                last = r;
            }
        }
        // rounding at the very top of an exact total lands just past the last interval
        return last >= 0 && u <= 1e-9 * linearTotal ? last : -1;
    }

    private void update(int r, double value) {
        int i = leaves + r;
        if (linear) {
            linearTotal += value - tree[i];
            tree[i] = value;
            return;
        }
        if (tree[i] == value) {
            return;
        }
        tree[i] = value;
        for (i >>= 1; i >= 1; i >>= 1) {
            tree[i] = tree[2 * i] + tree[2 * i + 1];
        }
    }

    /** The reaction whose cumulative propensity interval holds {@code u}. */
    private int select(double u) {
        int i = 1;
        while (i < leaves) {
            int left = 2 * i;
            if (u < tree[left] || tree[left + 1] == 0) {
                i = left;
            } else {
                u -= tree[left];
                i = left + 1;
            }
        }
        int r = i - leaves;
        // rounding can land on a zero leaf at the edge of an interval: step to a neighbour that can fire
        if (tree[i] == 0) {
            for (int k = 0; k < system.reactions; k++) {
                if (tree[leaves + k] > 0) {
                    return k;
                }
            }
        }
        return r;
    }
}
