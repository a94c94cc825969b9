package nn2crn.crn;

import java.util.List;
import java.util.Map;

/**
 * The stable state of a feed-forward CRN in which every species is consumed by at most one
 * reaction (a rate-independent CRN), without an ODE: fire each reaction to completion in
 * topological order. Once all producers of a reaction's reactants have finished, it runs until
 * one reactant is used up, whatever the rates, so this order reaches the state any rates reach.
 * A {@link Plan} is compiled once per CRN and fires any number of initial states.
 */
public final class Completion {

    private Completion() {
    }

    public static double[] stableState(Crn crn, double[] initialState) {
        return plan(crn).state(initialState);
    }

    /**
     * How far each reaction fires on the way to the stable state (in the CRN's concentration
     * units): in a DNA implementation, how much of each reaction's gate and translator it uses.
     */
    public static double[] extents(Crn crn, double[] initialState) {
        return plan(crn).extents(initialState);
    }

    /**
     * The stable state in whole molecules: in topological order each reaction fires as many whole
     * times as its reactants allow, {@code min_i floor(x_i / s_i)}. Any sequence of firings of a
     * rate-independent CRN ends here, so this is what every exact stochastic trajectory reaches.
     */
    public static long[] stableCounts(Crn crn, long[] counts) {
        return plan(crn).counts(counts);
    }

    /** The firing plan; refused unless the CRN is non-competitive and feed-forward. */
    public static Plan plan(Crn crn) {
        CrnStructure structure = CrnStructure.of(crn);
        if (!structure.nonCompetitive()) {
            throw new CrnException("species '" + structure.competingSpecies() + "' is consumed by reactions "
                    + structure.competingReactions().stream().map(r -> Integer.toString(r + 1)).toList()
                    + ": the CRN is not rate-independent in this sense");
        }
        if (!structure.feedForward()) {
            throw new CrnException("the CRN has a cycle: " + structure.reactionsOnCycles() + " reactions feed each other");
        }
        List<Reaction> reactions = crn.reactions();
        Map<String, Integer> index = crn.speciesIndex();
        int[] order = structure.order();
        int[][] in = new int[order.length][];
        int[][] inCount = new int[order.length][];
        int[][] out = new int[order.length][];
        int[][] outCount = new int[order.length][];
        for (int k = 0; k < order.length; k++) {
            Reaction reaction = reactions.get(order[k]);
            if (reaction.reactants().isEmpty()) {
                throw new CrnException("reaction " + (order[k] + 1) + " has no reactants: it never completes");
            }
            in[k] = reaction.reactants().stream().mapToInt(t -> index.get(t.species())).toArray();
            inCount[k] = reaction.reactants().stream().mapToInt(Term::count).toArray();
            out[k] = reaction.products().stream().mapToInt(t -> index.get(t.species())).toArray();
            outCount[k] = reaction.products().stream().mapToInt(Term::count).toArray();
        }
        return new Plan(order, in, inCount, out, outCount);
    }

    /** The reactions in firing order, as species indices. */
    public static final class Plan {
        private final int[] order;
        private final int[][] in;
        private final int[][] inCount;
        private final int[][] out;
        private final int[][] outCount;

        private Plan(int[] order, int[][] in, int[][] inCount, int[][] out, int[][] outCount) {
            this.order = order;
            this.in = in;
            this.inCount = inCount;
            this.out = out;
            this.outCount = outCount;
        }

        public double[] state(double[] initial) {
            return fire(initial, null);
        }

        public double[] extents(double[] initial) {
            double[] extents = new double[order.length];
            fire(initial, extents);
            return extents;
        }

        private double[] fire(double[] initial, double[] extents) {
            double[] x = initial.clone();
            for (int k = 0; k < order.length; k++) {
                double extent = Double.POSITIVE_INFINITY;
                for (int a = 0; a < in[k].length; a++) {
                    extent = Math.min(extent, x[in[k][a]] / inCount[k][a]);
                }
                for (int a = 0; a < in[k].length; a++) {
                    x[in[k][a]] -= inCount[k][a] * extent;
                }
                for (int p = 0; p < out[k].length; p++) {
                    x[out[k][p]] += outCount[k][p] * extent;
                }
                if (extents != null) {
                    extents[order[k]] = extent;
                }
            }
            return x;
        }

        public long[] counts(long[] initial) {
            long[] x = initial.clone();
            for (int k = 0; k < order.length; k++) {
                long extent = Long.MAX_VALUE;
                for (int a = 0; a < in[k].length; a++) {
                    extent = Math.min(extent, x[in[k][a]] / inCount[k][a]);
                }
                for (int a = 0; a < in[k].length; a++) {
                    x[in[k][a]] -= inCount[k][a] * extent;
                }
                for (int p = 0; p < out[k].length; p++) {
                    try {
                        x[out[k][p]] = Math.addExact(x[out[k][p]], Math.multiplyExact(outCount[k][p], extent));
                    } catch (ArithmeticException e) {
                        throw new CrnException("whole-molecule counts overflow: use fewer molecules per unit");
                    }
                }
            }
            return x;
        }
    }
}
