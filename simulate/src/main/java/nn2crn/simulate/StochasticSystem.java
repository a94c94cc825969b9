package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.Reaction;
import nn2crn.crn.Term;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CRN for exact stochastic simulation, built once into flat arrays: per reaction its
 * reactants (species, stoichiometry), its net changes, and the reactions whose propensity it can
 * change (the dependency graph). Propensities follow the chemical master equation in a volume of
 * {@code moleculesPerUnit} molecules per network unit of concentration (Omega):
 * {@code a = k Omega prod_i C(x_i, s_i) s_i! / Omega^s_i}, i.e. {@code k x} for {@code X ->},
 * {@code k x y / Omega} for {@code X + Y ->}, {@code k x (x - 1) / Omega} for {@code 2 X ->} and
 * {@code k Omega} for {@code -> X}, whose mean follows the mass-action ODE for large counts.
 * Immutable: one instance serves every thread.
 */
public final class StochasticSystem {

    final int species;
    final int reactions;
    final double[] rateTimesVolume; // k Omega^(1 - order)
    final int[] reactantStart;
    final int[] reactantSpecies;
    final int[] reactantCount;
    final int[] changeStart;
    final int[] changeSpecies;
    final long[] changeDelta;
    // reactions whose propensity reaction r changes: dependents[dependentStart[r] .. dependentStart[r+1])
    final int[] dependentStart;
    final int[] dependents;
    final double moleculesPerUnit;

    public StochasticSystem(Crn crn, double[] rates, double moleculesPerUnit) {
        if (!(moleculesPerUnit > 0) || Double.isInfinite(moleculesPerUnit)) {
            throw new CrnException("molecules per unit must be a positive number, is " + moleculesPerUnit);
        }
        if (rates.length != crn.reactions().size()) {
            throw new CrnException("expected " + crn.reactions().size() + " rate constants, got " + rates.length);
        }
        this.moleculesPerUnit = moleculesPerUnit;
        this.species = crn.species().size();
        this.reactions = rates.length;
        Map<String, Integer> index = crn.speciesIndex();
        rateTimesVolume = new double[reactions];
        reactantStart = new int[reactions + 1];
        changeStart = new int[reactions + 1];
        List<int[]> reactantList = new ArrayList<>();
        List<long[]> changeList = new ArrayList<>();
        List<Set<Integer>> consumersOf = new ArrayList<>();
        for (int s = 0; s < species; s++) {
            consumersOf.add(new LinkedHashSet<>());
        }
        for (int r = 0; r < reactions; r++) {
            Reaction reaction = crn.reactions().get(r);
            rateTimesVolume[r] = rates[r] * Math.pow(moleculesPerUnit, 1 - reaction.order());
            Map<Integer, Integer> in = new LinkedHashMap<>();
            for (Term t : reaction.reactants()) {
                in.merge(index.get(t.species()), t.count(), Integer::sum);
            }
            Map<Integer, Long> delta = new LinkedHashMap<>();
            in.forEach((s, c) -> {
                reactantList.add(new int[]{s, c});
                delta.merge(s, (long) -c, Long::sum);
            });
            for (Term t : reaction.products()) {
                delta.merge(index.get(t.species()), (long) t.count(), Long::sum);
            }
            delta.values().removeIf(d -> d == 0);
            delta.forEach((s, d) -> changeList.add(new long[]{s, d}));
            reactantStart[r + 1] = reactantList.size();
            changeStart[r + 1] = changeList.size();
        }
        reactantSpecies = reactantList.stream().mapToInt(a -> a[0]).toArray();
        reactantCount = reactantList.stream().mapToInt(a -> a[1]).toArray();
        changeSpecies = changeList.stream().mapToInt(a -> (int) a[0]).toArray();
        changeDelta = changeList.stream().mapToLong(a -> a[1]).toArray();
        for (int r = 0; r < reactions; r++) {
            for (int a = reactantStart[r]; a < reactantStart[r + 1]; a++) {
                consumersOf.get(reactantSpecies[a]).add(r);
            }
        }
        dependentStart = new int[reactions + 1];
        List<Integer> deps = new ArrayList<>();
        for (int r = 0; r < reactions; r++) {
            Set<Integer> affected = new LinkedHashSet<>();
            affected.add(r);
            for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                affected.addAll(consumersOf.get(changeSpecies[c]));
            }
            deps.addAll(affected);
            dependentStart[r + 1] = deps.size();
        }
        dependents = deps.stream().mapToInt(Integer::intValue).toArray();
    }

    public StochasticSystem(Crn crn, double moleculesPerUnit) {
        this(crn, crn.reactions().stream().mapToDouble(Reaction::rate).toArray(), moleculesPerUnit);
    }

    public int species() {
        return species;
    }

    public int reactions() {
        return reactions;
    }

    public double moleculesPerUnit() {
        return moleculesPerUnit;
    }

    /** Molecule counts for concentrations in network units: round(N c), the number a lab would pipette. */
    public long[] counts(double[] concentrations) {
        long[] counts = new long[concentrations.length];
        for (int i = 0; i < counts.length; i++) {
            double n = Math.rint(concentrations[i] * moleculesPerUnit);
            if (!(n >= 0) || n > Long.MAX_VALUE / 4) {
                throw new CrnException("species " + i + ": " + concentrations[i] + " units at " + moleculesPerUnit
                        + " molecules per unit is not a molecule count");
            }
            counts[i] = (long) n;
        }
        return counts;
    }

    /** The propensity of reaction r in state x. */
    double propensity(int r, long[] x) {
        double a = rateTimesVolume[r];
        for (int p = reactantStart[r]; p < reactantStart[r + 1]; p++) {
            long n = x[reactantSpecies[p]];
            int s = reactantCount[p];
            if (n < s) {
                return 0;
            }
            // falling factorial n (n - 1) .. (n - s + 1)
            for (int k = 0; k < s; k++) {
                a *= n - k;
            }
        }
        return a;
    }
}
