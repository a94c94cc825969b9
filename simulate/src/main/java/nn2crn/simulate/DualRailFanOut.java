package nn2crn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A layer's fan-out reactions in a dual-rail CRN, evaluated as one dense product instead of one
 * scatter per product. A rate-independent CRN has, per source rail pair {@code (x+, x-)}, two
 * unimolecular reactions whose products mirror each other over the next layer's rail pairs
 * {@code (z+, z-)}: where {@code x+ -> ... + w z+} (w > 0), {@code x- -> ... + w z-}, and the other
 * way round for w < 0. With fluxes p (of x+'s reaction) and q (of x-'s), target pair j gains
 * {@code (a_j + t_j) / 2} on z+ and {@code (a_j - t_j) / 2} on z-, where
 * {@code t = W^T (p - q)} and {@code a = |W|^T (p + q)} ({@code a_j = sum(p + q)} when every
 * weight is +-1). On the 3x256 MNIST CRN that turns 367,000 scattered updates per pass into three
 * 256 x 256 dense products that vectorize (measured 4x faster a pass). The sums are the same
 * fluxes added in another order and shape: results differ from the scatter by round-off only.
 *
 * <p>Found from the structure alone (rail pairs are named {@code <name>_pos} / {@code <name>_neg}
 * as the compiler writes them, and every mirror is checked); anything that does not match exactly
 * stays with the general scatter.
 */
final class DualRailFanOut {

    /**
     * Sources x targets below which the scatter stays: it skips reactions with no flux (an input's
     * minus rail, a unit at 0), the dense product does not, and on the 196-64-10 MNIST CRN (188 x 54
     * and 64 x 10) dense layers made the right-hand side 1.9x slower; on the 3x256 network's
     * 196 x 256 and 256 x 256 layers 3x faster.
     */
    static final int FEWEST_CELLS = 16_384;

    final int sources;
    final int targets;
    final int[] plusReaction;
    final int[] minusReaction;
    final int[] plusSpecies;
    final int[] minusSpecies;
    final int[] targetPlus;
    final int[] targetMinus;
    /** Signed coefficients, row i (source pair) by column j (target pair). */
    final double[] weight;
    /** |weight|, or null when every source pair reaches every target pair with coefficient 1. */
    final double[] magnitude;
    /** The last block (in the solve's order) holding a source: the products can be added after it. */
    final int lastSourceBlock;

    private DualRailFanOut(int[] plusReaction, int[] minusReaction, int[] plusSpecies, int[] minusSpecies,
                           int[] targetPlus, int[] targetMinus, double[] weight, int lastSourceBlock) {
        this.sources = plusReaction.length;
        this.targets = targetPlus.length;
        this.plusReaction = plusReaction;
        this.minusReaction = minusReaction;
        this.plusSpecies = plusSpecies;
        this.minusSpecies = minusSpecies;
        this.targetPlus = targetPlus;
        this.targetMinus = targetMinus;
        this.weight = weight;
        boolean unit = true;
        for (double w : weight) {
            unit &= Math.abs(w) == 1;
        }
        double[] abs = null;
        if (!unit) {
            abs = new double[weight.length];
            for (int e = 0; e < weight.length; e++) {
                abs[e] = Math.abs(weight[e]);
            }
        }
        this.magnitude = abs;
        this.lastSourceBlock = lastSourceBlock;
    }

    /** The scratch {@link #addProducts} needs. */
    int scratchLength() {
        return 2 * sources + 2 * targets;
    }

    /**
     * Adds to {@code out} the products of every source reaction at {@code scale * rate * x} (their
     * fluxes with scale 1; in the solve, with c, their pushes: a unimolecular flux's derivative is
     * its rate constant). x may be out: the sources are read before any target is written.
     *
     * @param scratch {@link #scratchLength()} values, overwritten
     */
    void addProducts(double[] rates, double scale, double[] x, double[] out, double[] scratch) {
        int n = sources;
        for (int i = 0; i < n; i++) {
            scratch[i] = scale * rates[plusReaction[i]] * x[plusSpecies[i]];
            scratch[n + i] = scale * rates[minusReaction[i]] * x[minusSpecies[i]];
        }
        int m = targets;
        int t = 2 * n;
        int a = t + m;
        Arrays.fill(scratch, t, t + 2 * m, 0);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double plus = scratch[i];
            double minus = scratch[n + i];
            double sum = plus + minus;
            double difference = plus - minus;
            if (sum == 0 && difference == 0) {
                continue;
            }
            total += sum;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                scratch[t + j] += difference * weight[row + j];
            }
            if (magnitude != null) {
                for (int j = 0; j < m; j++) {
                    scratch[a + j] += sum * magnitude[row + j];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            double reached = magnitude == null ? total : scratch[a + j];
            out[targetPlus[j]] += 0.5 * (reached + scratch[t + j]);
            out[targetMinus[j]] += 0.5 * (reached - scratch[t + j]);
        }
    }

    /** The dense families of a system whose species have these names (none where nothing matches). */
    static List<DualRailFanOut> find(MassActionSystem s, List<String> names, int fewestCells) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] partner = new int[s.species];
        int[] sign = new int[s.species];
        Arrays.fill(partner, -1);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.endsWith("_pos")) {
                Integer other = index.get(name.substring(0, name.length() - 4) + "_neg");
                if (other != null) {
                    partner[i] = other;
                    partner[other] = i;
                    sign[i] = 1;
                    sign[other] = -1;
                }
            }
        }
        // candidate reactions: one reactant (count 1) on a rail, consumed once, products on rails only
        int reactions = s.rates.length;
        List<Map<Integer, Double>> products = new ArrayList<>();
        int[] onlyReactionOf = new int[s.species];
        Arrays.fill(onlyReactionOf, -1);
        for (int r = 0; r < reactions; r++) {
            products.add(candidateProducts(s, r, partner, sign));
            if (products.get(r) != null) {
                int reactant = s.reactantSpecies[s.reactantStart[r]];
                onlyReactionOf[reactant] = onlyReactionOf[reactant] == -1 ? r : -2;
            }
        }
        // source pairs: x+'s reaction and x-'s, products mirrored; keyed by their targets' plus rails
        List<int[]> pairs = new ArrayList<>();
        for (int r = 0; r < reactions; r++) {
            Map<Integer, Double> plusProducts = products.get(r);
            if (plusProducts == null) {
                continue;
            }
            int reactant = s.reactantSpecies[s.reactantStart[r]];
            if (sign[reactant] != 1 || onlyReactionOf[reactant] != r || onlyReactionOf[partner[reactant]] < 0) {
                continue;
            }
            int mirror = onlyReactionOf[partner[reactant]];
            Map<Integer, Double> minusProducts = products.get(mirror);
            boolean mirrored = minusProducts.size() == plusProducts.size();
            for (Map.Entry<Integer, Double> e : plusProducts.entrySet()) {
                mirrored &= Double.valueOf(-e.getValue()).equals(minusProducts.get(e.getKey()));
            }
            if (mirrored) {
                pairs.add(new int[]{r, mirror, reactant, partner[reactant]});
            }
        }
        // families: source pairs linked through shared target pairs
        Map<Integer, Integer> parent = new HashMap<>();
        for (int[] pair : pairs) {
            Integer first = null;
            for (int target : products.get(pair[0]).keySet()) {
                parent.putIfAbsent(target, target);
                if (first == null) {
                    first = target;
                } else {
                    parent.put(root(parent, target), root(parent, first));
                }
            }
        }
        Map<Integer, List<int[]>> byFamily = new TreeMap<>();
        for (int[] pair : pairs) {
            int family = root(parent, products.get(pair[0]).keySet().iterator().next());
            byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(pair);
        }
        List<DualRailFanOut> families = new ArrayList<>();
        for (List<int[]> members : byFamily.values()) {
            DualRailFanOut family = build(s, members, products, partner, fewestCells);
            if (family != null) {
                families.add(family);
            }
        }
        return families;
    }

    /** Target plus rail -> signed coefficient, or null when reaction r is not a dual-rail fan-out. */
    private static Map<Integer, Double> candidateProducts(MassActionSystem s, int r, int[] partner, int[] sign) {
        if (s.reactantStart[r + 1] - s.reactantStart[r] != 1 || s.reactantCount[s.reactantStart[r]] != 1) {
            return null;
        }
        int reactant = s.reactantSpecies[s.reactantStart[r]];
        if (partner[reactant] < 0) {
            return null;
        }
        Map<Integer, Double> byTarget = new HashMap<>();
        boolean consumed = false;
        for (int c = s.changeStart[r]; c < s.changeStart[r + 1]; c++) {
            int species = s.changeSpecies[c];
            double delta = s.changeDelta[c];
            if (species == reactant) {
                consumed = delta == -1;
                continue;
            }
            if (partner[species] < 0 || delta <= 0 || species == partner[reactant]) {
                return null;
            }
            int plusRail = sign[species] == 1 ? species : partner[species];
            if (byTarget.put(plusRail, sign[species] * delta) != null) {
                return null; // both rails of one target: not a signed weight
            }
        }
        return consumed && byTarget.size() >= 2 ? byTarget : null;
    }

    private static int root(Map<Integer, Integer> parent, int x) {
        int r = x;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }

    private static DualRailFanOut build(MassActionSystem s, List<int[]> members, List<Map<Integer, Double>> products,
                                        int[] partner, int fewestCells) {
        TreeMap<Integer, Integer> column = new TreeMap<>();
        for (int[] pair : members) {
            for (int target : products.get(pair[0]).keySet()) {
                column.putIfAbsent(target, 0);
            }
        }
        int n = members.size();
        int m = column.size();
        if (n < 2 || m < 2 || (long) n * m < fewestCells) {
            return null;
        }
        int[] targetPlus = new int[m];
        int[] targetMinus = new int[m];
        int j = 0;
        int firstTargetBlock = Integer.MAX_VALUE;
        for (Map.Entry<Integer, Integer> e : column.entrySet()) {
            e.setValue(j);
            targetPlus[j] = e.getKey();
            targetMinus[j] = partner[e.getKey()];
            firstTargetBlock = Math.min(firstTargetBlock,
                    Math.min(s.blockOf[targetPlus[j]], s.blockOf[targetMinus[j]]));
            j++;
        }
        double[] weight = new double[n * m];
        int entries = 0;
        int lastSourceBlock = -1;
        int[] plusReaction = new int[n];
        int[] minusReaction = new int[n];
        int[] plusSpecies = new int[n];
        int[] minusSpecies = new int[n];
        for (int i = 0; i < n; i++) {
            int[] pair = members.get(i);
            plusReaction[i] = pair[0];
            minusReaction[i] = pair[1];
            plusSpecies[i] = pair[2];
            minusSpecies[i] = pair[3];
            lastSourceBlock = Math.max(lastSourceBlock, Math.max(s.blockOf[pair[2]], s.blockOf[pair[3]]));
            for (Map.Entry<Integer, Double> e : products.get(pair[0]).entrySet()) {
                weight[i * m + column.get(e.getKey())] = e.getValue();
                entries++;
            }
        }
        // dense enough to pay, and every source solved before any target (the solve adds the
        // products once, after the last source's block)
        if (4L * entries < (long) n * m || lastSourceBlock >= firstTargetBlock) {
            return null;
        }
        return new DualRailFanOut(plusReaction, minusReaction, plusSpecies, minusSpecies, targetPlus, targetMinus,
                weight, lastSourceBlock);
    }
}
