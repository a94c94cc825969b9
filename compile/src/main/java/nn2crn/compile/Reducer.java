package nn2crn.compile;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.CrnInput;
import nn2crn.crn.CrnOutput;
import nn2crn.crn.Reaction;
import nn2crn.crn.Species;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reduce step of Vasic et al. (Algorithm 2): while some unimolecular reaction {@code X -> P}
 * consumes a species X that no other reaction consumes, remove it, move X's initial amount onto
 * P and put P wherever X is produced (in reactions and in the input map). The final state is
 * unchanged because X would have turned into P anyway. What remains of a rate-independent CRN is
 * one bimolecular reaction per ReLU unit; product and input coefficients above 1 appear.
 *
 * <p>Substitution never changes a reaction's reactants, so which reactions go is known at the
 * start, and repeated substitution ends where each removed species X stands for its closure: the
 * species (with multiplicities) that its chain of removed reactions ends in. Computing every
 * closure once (memoized, as sparse vectors over species indices) gives the fixpoint in time
 * linear in the size of the result.
 */
public final class Reducer {

    private final Crn crn;
    private final Map<String, Integer> index;
    private final int[] removableReaction;
    private final int[][] closureSpecies;
    private final long[][] closureCounts;
    private final byte[] state;
    private final long[] accumulator;
    private final boolean[] touched;
    private final int[] touchedList;
    private final long[] closureAccumulator;
    private final int[] closureTouched;

    private Reducer(Crn crn) {
        this.crn = crn;
        this.index = crn.speciesIndex();
        int n = crn.species().size();
        removableReaction = new int[n];
        Arrays.fill(removableReaction, -1);
        closureSpecies = new int[n][];
        closureCounts = new long[n][];
        state = new byte[n];
        accumulator = new long[n];
        touched = new boolean[n];
        touchedList = new int[n];
        closureAccumulator = new long[n];
        closureTouched = new int[n];
    }

    public static Crn reduce(Crn crn) {
        return new Reducer(crn).run();
    }

    private Crn run() {
        List<Reaction> reactions = crn.reactions();
        int n = crn.species().size();
        int[] consumers = new int[n];
        for (Reaction r : reactions) {
            r.reactants().forEach(t -> consumers[index.get(t.species())]++);
        }
        boolean[] output = new boolean[n];
        for (CrnOutput out : crn.outputs()) {
            output[index.get(out.positive())] = true;
            if (out.negative() != null) {
                output[index.get(out.negative())] = true;
            }
        }
        for (int r = 0; r < reactions.size(); r++) {
            Reaction reaction = reactions.get(r);
            if (reaction.reactants().size() != 1 || reaction.reactants().get(0).count() != 1) {
                continue;
            }
            String x = reaction.reactants().get(0).species();
            int xi = index.get(x);
            boolean selfProducing = reaction.products().stream().anyMatch(t -> t.species().equals(x));
            if (consumers[xi] == 1 && !output[xi] && !selfProducing) {
                removableReaction[xi] = r;
            }
        }

        boolean[] used = output.clone();
        List<Reaction> kept = new ArrayList<>();
        for (int r = 0; r < reactions.size(); r++) {
            Reaction reaction = reactions.get(r);
            if (reaction.reactants().size() == 1 && removableReaction[index.get(reaction.reactants().get(0).species())] == r) {
                continue;
            }
            for (Term t : reaction.products()) {
                add(index.get(t.species()), t.count());
            }
            List<Term> products = drain();
            kept.add(new Reaction(reaction.reactants(), products, reaction.rate(), reaction.layer()));
            reaction.reactants().forEach(t -> used[index.get(t.species())] = true);
            products.forEach(t -> used[index.get(t.species())] = true);
        }

        double[] initial = new double[n];
        for (int s = 0; s < n; s++) {
            double amount = crn.species().get(s).initial();
            if (amount != 0) {
                closure(s);
                for (int k = 0; k < closureSpecies[s].length; k++) {
                    initial[closureSpecies[s][k]] += closureCounts[s][k] * amount;
                }
            }
        }
        // species in no reaction that are not outputs (an input rail whose weights are all 0) are inert: dropped
        List<CrnInput> inputs = new ArrayList<>();
        for (CrnInput in : crn.inputs()) {
            inputs.add(new CrnInput(in.feature(), in.name(), in.shift(), in.dualRail(),
                    substitute(in.positive(), used), substitute(in.negative(), used)));
        }
        List<Species> species = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (used[s]) {
                species.add(crn.species().get(s).withInitial(initial[s]));
            }
        }
        Map<String, Object> info = new LinkedHashMap<>(crn.info());
        info.put("reduced", true);
        return new Crn(crn.name(), species, kept, inputs, crn.outputs(), info);
    }

    private List<Term> substitute(List<Term> terms, boolean[] used) {
        for (Term t : terms) {
            add(index.get(t.species()), t.count());
        }
        return drain().stream().filter(t -> used[index.get(t.species())]).toList();
    }

    /** Adds {@code count} times the closure of species s to the accumulator. */
    private void add(int s, long count) {
        closure(s);
        for (int k = 0; k < closureSpecies[s].length; k++) {
            int target = closureSpecies[s][k];
            if (!touched[target]) {
                touched[target] = true;
                touchedList[touchedCount++] = target;
            }
            accumulator[target] += count * closureCounts[s][k];
        }
    }

    private int touchedCount;

    /** The accumulated terms in species order; clears the accumulator. */
    private List<Term> drain() {
        Arrays.sort(touchedList, 0, touchedCount);
        List<Term> terms = new ArrayList<>(touchedCount);
        for (int k = 0; k < touchedCount; k++) {
            int s = touchedList[k];
            terms.add(new Term(crn.species().get(s).name(), Math.toIntExact(accumulator[s])));
            accumulator[s] = 0;
            touched[s] = false;
        }
        touchedCount = 0;
        return terms;
    }

    /** Computes (once) what species s turns into through removed reactions. */
    private void closure(int s) {
        if (state[s] == 2) {
            return;
        }
        if (state[s] == 1) {
            throw new CrnException("cannot reduce: unimolecular reactions form a cycle through species '"
                    + crn.species().get(s).name() + "'");
        }
        int r = removableReaction[s];
        if (r < 0) {
            closureSpecies[s] = new int[]{s};
            closureCounts[s] = new long[]{1};
            state[s] = 2;
            return;
        }
        state[s] = 1;
        List<Term> products = crn.reactions().get(r).products();
        for (Term t : products) {
            closure(index.get(t.species()));
        }
        // children first: the summing below must not be interrupted by another closure's
        long[] sum = closureAccumulator;
        int count = 0;
        for (Term t : products) {
            int p = index.get(t.species());
            for (int k = 0; k < closureSpecies[p].length; k++) {
                int target = closureSpecies[p][k];
                if (sum[target] == 0) {
                    closureTouched[count++] = target;
                }
                sum[target] += t.count() * closureCounts[p][k];
            }
        }
        Arrays.sort(closureTouched, 0, count);
        closureSpecies[s] = Arrays.copyOf(closureTouched, count);
        closureCounts[s] = new long[count];
        for (int k = 0; k < count; k++) {
            closureCounts[s][k] = sum[closureTouched[k]];
            sum[closureTouched[k]] = 0;
        }
        state[s] = 2;
    }
}
