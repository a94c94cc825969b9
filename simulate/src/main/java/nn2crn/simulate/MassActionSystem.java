package nn2crn.simulate;

import nn2crn.crn.Crn;
import nn2crn.crn.CrnException;
import nn2crn.crn.Reaction;
import nn2crn.crn.Term;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mass-action ODEs of a CRN, {@code dx/dt = sum_r delta_r k_r prod_i x_i^s_ri}, built once
 * into flat arrays so that evaluating the right-hand side and the flux derivatives (the Jacobian's
 * factor, see {@link ShiftedJacobianSolver}) allocates nothing and looks nothing up. Immutable:
 * one instance serves every thread.
 *
 * <p>It also holds the Jacobian's block structure: species grouped into strongly connected
 * components of "the rate of j depends on i", in topological order. For a feed-forward CRN the
 * Jacobian is block lower-triangular with blocks of size 1 or 2 (the ReLU pair m, z-), so a
 * linear system {@code (I - c J) k = b} is solved by forward substitution with tiny dense blocks;
 * a CRN with feedback gets larger blocks, factored densely. The blocks are ordered by level (the
 * longest chain of dependencies before them), so a layered CRN is solved layer after layer.
 *
 * <p>Dual-rail fan-out layers (every rate-independent CRN has one per network layer) are found
 * once and evaluated as dense products ({@link DualRailFanOut}) in the right-hand side and in the
 * solve: on the 3x256 MNIST CRN they are 367,000 of its 370,000 net changes.
 */
public final class MassActionSystem {

    final int species;
    final double[] rates;
    // reactants of reaction r: reactantSpecies/reactantCount[reactantStart[r] .. reactantStart[r+1])
    final int[] reactantStart;
    final int[] reactantSpecies;
    final int[] reactantCount;
    // net change of reaction r: changeSpecies/changeDelta[changeStart[r] .. changeStart[r+1])
    final int[] changeStart;
    final int[] changeSpecies;
    final double[] changeDelta;
    /**
     * The same changes packed as {@code species << 8 | (delta & 0xFF)} when every delta fits a byte
     * and every species index 23 bits (else null): 4 bytes per change instead of 12 for the passes
     * over a large CRN's hundreds of thousands of changes.
     */
    final int[] packedChanges;
    // the Jacobian's pattern in CSR by row (entry (j, i): some reaction with reactant i changes j), for the blocks
    final int[] rowStart;
    final int[] column;
    // blocks in topological order: species blockSpecies[blockStart[b] .. blockStart[b+1])
    final int[] blockStart;
    final int[] blockSpecies;
    final int[] blockOf;
    final int[] positionInBlock;
    final int largestBlock;
    /** Dense evaluation of dual-rail fan-out layers (see {@link DualRailFanOut}); empty when none. */
    final DualRailFanOut[] fanOuts;
    /** Per reaction, the fan-out family that adds its products, or -1. */
    final int[] fanOutOf;
    /** The flux vectors and sums {@link #derivative} needs for the families, per thread. */
    private final ThreadLocal<double[]> fanOutScratch;
    /** The scratch the largest family needs ({@link DualRailFanOut#scratchLength}). */
    final int fanOutScratchLength;

    public MassActionSystem(Crn crn) {
        this(crn, crn.reactions().stream().mapToDouble(Reaction::rate).toArray());
    }

    /** The same CRN with other rate constants, one per reaction. */
    public MassActionSystem(Crn crn, double[] rates) {
        this(crn, rates, DualRailFanOut.FEWEST_CELLS);
    }

    /**
     * @param fewestDenseCells the smallest fan-out layer (sources x targets) evaluated densely
     *                         ({@link Integer#MAX_VALUE}: none; tests compare the two ways)
     */
    MassActionSystem(Crn crn, double[] rates, int fewestDenseCells) {
        if (rates.length != crn.reactions().size()) {
            throw new CrnException("expected " + crn.reactions().size() + " rate constants, got " + rates.length);
        }
        this.species = crn.species().size();
        this.rates = rates.clone();
        Map<String, Integer> index = crn.speciesIndex();
        List<Reaction> reactions = crn.reactions();
        int m = reactions.size();
        reactantStart = new int[m + 1];
        changeStart = new int[m + 1];
        List<int[]> reactantList = new ArrayList<>();
        List<double[]> changeList = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            Reaction reaction = reactions.get(r);
            Map<Integer, Integer> in = new LinkedHashMap<>();
            for (Term t : reaction.reactants()) {
                in.merge(index.get(t.species()), t.count(), Integer::sum);
            }
            Map<Integer, Double> delta = new LinkedHashMap<>();
            in.forEach((s, c) -> delta.merge(s, (double) -c, Double::sum));
            for (Term t : reaction.products()) {
                delta.merge(index.get(t.species()), (double) t.count(), Double::sum);
            }
            delta.values().removeIf(d -> d == 0);
            in.forEach((s, c) -> reactantList.add(new int[]{s, c}));
            delta.forEach((s, d) -> changeList.add(new double[]{s, d}));
            reactantStart[r + 1] = reactantList.size();
            changeStart[r + 1] = changeList.size();
        }
        reactantSpecies = reactantList.stream().mapToInt(a -> a[0]).toArray();
        reactantCount = reactantList.stream().mapToInt(a -> a[1]).toArray();
        changeSpecies = changeList.stream().mapToInt(a -> (int) a[0]).toArray();
        changeDelta = changeList.stream().mapToDouble(a -> a[1]).toArray();
        packedChanges = pack(changeSpecies, changeDelta);

        // Jacobian pattern: entry (j, i) for every reaction with reactant i that changes j, plus the diagonal
        List<TreeSet<Integer>> columnsOfRow = new ArrayList<>();
        for (int j = 0; j < species; j++) {
            TreeSet<Integer> row = new TreeSet<>();
            row.add(j);
            columnsOfRow.add(row);
        }
        for (int r = 0; r < m; r++) {
            for (int a = reactantStart[r]; a < reactantStart[r + 1]; a++) {
                for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                    columnsOfRow.get(changeSpecies[c]).add(reactantSpecies[a]);
                }
            }
        }
        rowStart = new int[species + 1];
        for (int j = 0; j < species; j++) {
            rowStart[j + 1] = rowStart[j] + columnsOfRow.get(j).size();
        }
        column = new int[rowStart[species]];
        for (int j = 0; j < species; j++) {
            int p = rowStart[j];
            for (int col : columnsOfRow.get(j)) {
                column[p++] = col;
            }
        }

        int[][] blocks = byLevel(stronglyConnectedComponentsInTopologicalOrder());
        blockStart = new int[blocks.length + 1];
        blockSpecies = new int[species];
        blockOf = new int[species];
        positionInBlock = new int[species];
        int largest = 0;
        for (int b = 0; b < blocks.length; b++) {
            blockStart[b + 1] = blockStart[b] + blocks[b].length;
            for (int p = 0; p < blocks[b].length; p++) {
                blockSpecies[blockStart[b] + p] = blocks[b][p];
                blockOf[blocks[b][p]] = b;
                positionInBlock[blocks[b][p]] = p;
            }
            largest = Math.max(largest, blocks[b].length);
        }
        largestBlock = largest;

        fanOuts = fewestDenseCells == Integer.MAX_VALUE ? new DualRailFanOut[0]
                : DualRailFanOut.find(this, crn.species().stream().map(nn2crn.crn.Species::name).toList(),
                        fewestDenseCells).toArray(new DualRailFanOut[0]);
        fanOutOf = new int[m];
        Arrays.fill(fanOutOf, -1);
        int scratch = 0;
        for (int f = 0; f < fanOuts.length; f++) {
            for (int i = 0; i < fanOuts[f].sources; i++) {
                fanOutOf[fanOuts[f].plusReaction[i]] = f;
                fanOutOf[fanOuts[f].minusReaction[i]] = f;
            }
            scratch = Math.max(scratch, fanOuts[f].scratchLength());
        }
        fanOutScratchLength = scratch;
        fanOutScratch = ThreadLocal.withInitial(() -> new double[fanOutScratchLength]);
    }

    /** Dual-rail fan-out families evaluated densely (for tests and the summary). */
    public int denseFanOuts() {
        return fanOuts.length;
    }

    private static int[] pack(int[] species, double[] delta) {
        int[] packed = new int[species.length];
        for (int c = 0; c < species.length; c++) {
            if (delta[c] != Math.rint(delta[c]) || Math.abs(delta[c]) > Byte.MAX_VALUE || species[c] >= 1 << 23) {
                return null;
            }
            packed[c] = species[c] << 8 | ((int) delta[c] & 0xFF);
        }
        return packed;
    }

    public int species() {
        return species;
    }

    public int reactions() {
        return rates.length;
    }

    /** Species in the largest block of the Jacobian (1 or 2 for a feed-forward CRN). */
    public int largestBlock() {
        return largestBlock;
    }

    /** {@code dx = f(x)}. */
    public void derivative(double[] x, double[] dx) {
        Arrays.fill(dx, 0, species, 0);
        for (int r = 0; r < rates.length; r++) {
            double flux = rates[r];
            for (int a = reactantStart[r]; a < reactantStart[r + 1]; a++) {
                flux *= power(x[reactantSpecies[a]], reactantCount[a]);
            }
            if (flux == 0) {
                continue;
            }
            if (fanOutOf[r] >= 0) {
                // consumed once; the products come with the family's dense product below
                dx[reactantSpecies[reactantStart[r]]] -= flux;
                continue;
            }
            if (packedChanges != null) {
                for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                    int code = packedChanges[c];
                    dx[code >>> 8] += (byte) code * flux;
                }
            } else {
                for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                    dx[changeSpecies[c]] += changeDelta[c] * flux;
                }
            }
        }
        if (fanOuts.length > 0) {
            double[] scratch = fanOutScratch.get();
            for (DualRailFanOut f : fanOuts) {
                f.addProducts(rates, 1, x, dx, scratch);
            }
        }
    }

    /**
     * {@code dx = f(x)} for {@code lanes} states at once, interleaved: species i of lane l at
     * {@code i * lanes + l}. Each lane gets exactly the numbers {@link #derivative(double[], double[])}
     * gives it (the same operations in the same order; the loops over lanes are what the JIT
     * vectorizes). {@code flux} holds at least {@code lanes} values; {@code laneX} and {@code laneDx}
     * at least {@link #species()} (for the dense fan-outs, evaluated a lane at a time); {@code liveLanes}
     * at least {@code lanes}.
     */
    void derivative(double[] x, double[] dx, int lanes, double[] flux, int[] liveLanes, double[] laneX,
                    double[] laneDx) {
        Arrays.fill(dx, 0, species * lanes, 0);
        for (int r = 0; r < rates.length; r++) {
            double k = rates[r];
            for (int l = 0; l < lanes; l++) {
                flux[l] = k;
            }
            for (int a = reactantStart[r]; a < reactantStart[r + 1]; a++) {
                int base = reactantSpecies[a] * lanes;
                int count = reactantCount[a];
                if (count == 1) {
                    for (int l = 0; l < lanes; l++) {
                        flux[l] *= x[base + l];
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        flux[l] *= power(x[base + l], count);
                    }
                }
            }
            int live = 0;
            for (int l = 0; l < lanes; l++) {
                if (flux[l] != 0) {
                    liveLanes[live++] = l;
                }
            }
            if (live == 0) {
                // adding the zero fluxes would change nothing (dx never holds -0.0), as the one-lane form skips them
                continue;
            }
            if (fanOutOf[r] >= 0) {
                int base = reactantSpecies[reactantStart[r]] * lanes;
                for (int l = 0; l < lanes; l++) {
                    dx[base + l] -= flux[l];
                }
                continue;
            }
            if (live * 4 <= lanes) {
                // few lanes with a flux (inputs that are 0 in most examples): only theirs, as the one-lane form does
                for (int q = 0; q < live; q++) {
                    int l = liveLanes[q];
                    double f = flux[l];
                    for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                        dx[changeSpecies[c] * lanes + l] += changeDelta[c] * f;
                    }
                }
                continue;
            }
            for (int c = changeStart[r]; c < changeStart[r + 1]; c++) {
                int base = changeSpecies[c] * lanes;
                double delta = changeDelta[c];
                for (int l = 0; l < lanes; l++) {
                    dx[base + l] += delta * flux[l];
                }
            }
        }
        if (fanOuts.length > 0) {
            double[] scratch = fanOutScratch.get();
            for (int l = 0; l < lanes; l++) {
                for (int i = 0; i < species; i++) {
                    laneX[i] = x[i * lanes + l];
                    laneDx[i] = dx[i * lanes + l];
                }
                for (DualRailFanOut f : fanOuts) {
                    f.addProducts(rates, 1, laneX, laneDx, scratch);
                }
                for (int i = 0; i < species; i++) {
                    dx[i * lanes + l] = laneDx[i];
                }
            }
        }
    }

    /**
     * Per reactant entry a of reaction r (the order of {@code reactantSpecies}), the derivative of
     * r's flux by that reactant: {@code k s_a x_a^(s_a - 1) prod_{b != a} x_b^(s_b)}. The Jacobian
     * is {@code J[j][a] = sum_r delta_jr partial_ra}.
     */
    void fluxPartials(double[] x, double[] partial) {
        for (int r = 0; r < rates.length; r++) {
            int first = reactantStart[r];
            int last = reactantStart[r + 1];
            for (int a = first; a < last; a++) {
                double value = rates[r] * reactantCount[a] * power(x[reactantSpecies[a]], reactantCount[a] - 1);
                for (int b = first; b < last; b++) {
                    if (b != a) {
                        value *= power(x[reactantSpecies[b]], reactantCount[b]);
                    }
                }
                partial[a] = value;
            }
        }
    }

    private static double power(double x, int n) {
        return switch (n) {
            case 0 -> 1;
            case 1 -> x;
            case 2 -> x * x;
            default -> Math.pow(x, n);
        };
    }

    /**
     * The blocks (in a topological order) reordered by level, the longest chain of dependencies
     * leading to them: still a topological order, and one in which a layered CRN's layers come one
     * after the other, so a dense fan-out's sources are all solved before any of its targets
     * (Tarjan's order may interleave them).
     */
    private int[][] byLevel(int[][] blocks) {
        int[] blockOfSpecies = new int[species];
        for (int b = 0; b < blocks.length; b++) {
            for (int j : blocks[b]) {
                blockOfSpecies[j] = b;
            }
        }
        int[] level = new int[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            for (int j : blocks[b]) {
                for (int p = rowStart[j]; p < rowStart[j + 1]; p++) {
                    int from = blockOfSpecies[column[p]];
                    if (from != b) {
                        level[b] = Math.max(level[b], level[from] + 1);
                    }
                }
            }
        }
        Integer[] order = new Integer[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            order[b] = b;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(level[a], level[b])); // stable
        int[][] sorted = new int[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            sorted[b] = blocks[order[b]];
        }
        return sorted;
    }

    /** Tarjan's algorithm on "j depends on i" (an entry (j, i) of the Jacobian), iteratively. */
    private int[][] stronglyConnectedComponentsInTopologicalOrder() {
        // edges i -> j for Jacobian entries (j, i): i must be solved before j
        int[] outCount = new int[species];
        for (int j = 0; j < species; j++) {
            for (int p = rowStart[j]; p < rowStart[j + 1]; p++) {
                outCount[column[p]]++;
            }
        }
        int[] outStart = new int[species + 1];
        for (int i = 0; i < species; i++) {
            outStart[i + 1] = outStart[i] + outCount[i];
        }
        int[] out = new int[outStart[species]];
        int[] fill = outStart.clone();
        for (int j = 0; j < species; j++) {
            for (int p = rowStart[j]; p < rowStart[j + 1]; p++) {
                out[fill[column[p]]++] = j;
            }
        }
        int[] order = new int[species];
        int[] low = new int[species];
        Arrays.fill(order, -1);
        boolean[] onStack = new boolean[species];
        Deque<Integer> stack = new ArrayDeque<>();
        List<int[]> components = new ArrayList<>();
        int counter = 0;
        int[] edgeCursor = new int[species];
        Deque<Integer> call = new ArrayDeque<>();
        for (int root = 0; root < species; root++) {
            if (order[root] >= 0) {
                continue;
            }
            call.push(root);
            order[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            edgeCursor[root] = outStart[root];
            while (!call.isEmpty()) {
                int v = call.peek();
                if (edgeCursor[v] < outStart[v + 1]) {
                    int w = out[edgeCursor[v]++];
                    if (order[w] < 0) {
                        order[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        edgeCursor[w] = outStart[w];
                        call.push(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                } else {
                    call.pop();
                    if (!call.isEmpty()) {
                        low[call.peek()] = Math.min(low[call.peek()], low[v]);
                    }
                    if (low[v] == order[v]) {
                        List<Integer> component = new ArrayList<>();
                        int w;
                        do {
                            w = stack.pop();
                            onStack[w] = false;
                            component.add(w);
                        } while (w != v);
                        components.add(component.stream().mapToInt(Integer::intValue).sorted().toArray());
                    }
                }
            }
        }
        // Tarjan finishes a component after every component it reaches: reverse for topological order
        int[][] result = new int[components.size()][];
        for (int c = 0; c < result.length; c++) {
            result[c] = components.get(components.size() - 1 - c);
        }
        return result;
    }
}
