package nn2crn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solves {@code (I - c J(y)) x = b} for a {@link MassActionSystem}, as every stage of an implicit
 * method must, without ever forming J. Mass action factors the Jacobian as {@code J = N D}: N the
 * net changes (species x reactions), D the derivatives of each reaction's flux by its reactants,
 * a few per reaction. In the species' strongly-connected-component order J is block lower
 * triangular, so the solve is a forward substitution done by pushing: once a block's values are
 * known, each reaction with reactants in it adds {@code c delta (D x)} to the species it changes
 * in later blocks. A solve then costs one pass over the net changes, like a right-hand side, and
 * a new Jacobian costs one pass over the reactants; only the diagonal blocks (1x1 or 2x2 for a
 * feed-forward CRN, larger where the CRN has feedback) are assembled and factored, once per
 * {@link #prepare}. A dense fan-out family ({@link DualRailFanOut}) pushes all its reactions at once,
 * through its dense product, after the block of its last source.
 *
 * <p>One instance per thread: it holds the current step's factors.
 */
final class ShiftedJacobianSolver {

    private final MassActionSystem system;
    private final int blocks;
    /** Per block, its pushes {@code [pushStart[b], pushStart[b + 1])}. */
    private final int[] pushStart;
    /** Per push, its reactant terms {@code [termStart[p], termStart[p + 1])}: reactant entries of one reaction in the block. */
    private final int[] termStart;
    private final int[] termEntry;
    private final int[] termSpecies;
    /** Per push, the reaction's net changes outside the block, {@code [changeStart[p], changeStart[p + 1])}. */
    private final int[] changeStart;
    /** species << 8 | (delta & 0xFF), when every delta fits a byte (see {@link MassActionSystem#packedChanges}); else null */
    private final int[] changeCode;
    private final int[] changeSpecies;
    private final double[] changeDelta;
    /** Per block, the terms of its own diagonal block of J: position row * size + column, reactant entry, delta. */
    private final int[] inBlockStart;
    private final int[] inBlockPosition;
    private final int[] inBlockEntry;
    private final double[] inBlockDelta;
    /** Per block, where its factors start in {@link #factors}: size^2 values, an inverse for size <= 2, else LU. */
    private final int[] factorStart;
    private final int[] pivotStart;
    private final double[] factors;
    private final int[] pivots;
    private final double[] partial;
    private final double[] blockRhs;
    /** Blocks up to this size fall back to dense partial pivoting when a sparse pivot is refused. */
    static final int DENSE_FALLBACK_MAX = 512;
    /** Per block larger than 2, its sparse factors, or null (dense partial pivoting always). */
    private final SparseBlockLu[] sparse;
    /** Per in-block term of a sparse block, its value index in the sparse factors. */
    private final int[] sparseIndex;
    /** Per block, whether this step's factors are the dense ones (no sparse factors, or their pivot was refused). */
    private final boolean[] denseNow;
    /** Per block, the dense fan-outs whose last source it holds: {@code fanOutAfter[fanOutStart[b] .. fanOutStart[b + 1])}. */
    private final int[] fanOutStart;
    private final DualRailFanOut[] fanOutAfter;
    private final double[] fanOutScratch;
    private double c;

    ShiftedJacobianSolver(MassActionSystem system) {
        this.system = system;
        this.blocks = system.blockStart.length - 1;
        List<int[]> terms = new ArrayList<>();
        List<int[]> changes = new ArrayList<>();
        List<double[]> changeDeltas = new ArrayList<>();
        pushStart = new int[blocks + 1];
        List<Integer> termStarts = new ArrayList<>(List.of(0));
        List<Integer> changeStarts = new ArrayList<>(List.of(0));
        List<int[]> inBlock = new ArrayList<>();
        List<Double> inBlockDeltas = new ArrayList<>();
        inBlockStart = new int[blocks + 1];
        List<List<Integer>> reactionsByBlock = reactionsWithReactantsIn();
        for (int b = 0; b < blocks; b++) {
            int size = system.blockStart[b + 1] - system.blockStart[b];
            for (int r : reactionsByBlock.get(b)) {
                // a dense fan-out's products come with its family's product after the last source block
                boolean dense = system.fanOutOf[r] >= 0;
                for (int a = system.reactantStart[r]; a < system.reactantStart[r + 1]; a++) {
                    int reactant = system.reactantSpecies[a];
                    if (system.blockOf[reactant] == b) {
                        if (!dense) {
                            terms.add(new int[]{a, reactant});
                        }
                        for (int ch = system.changeStart[r]; ch < system.changeStart[r + 1]; ch++) {
                            int target = system.changeSpecies[ch];
                            if (system.blockOf[target] == b) {
                                inBlock.add(new int[]{system.positionInBlock[target] * size
                                        + system.positionInBlock[reactant], a});
                                inBlockDeltas.add(system.changeDelta[ch]);
                            }
                        }
                    }
                }
                if (dense) {
                    continue;
                }
                termStarts.add(terms.size());
                for (int ch = system.changeStart[r]; ch < system.changeStart[r + 1]; ch++) {
                    // every change lies in this block or a later one (the blocks are in topological order)
                    if (system.blockOf[system.changeSpecies[ch]] != b) {
                        changes.add(new int[]{ch});
                        changeDeltas.add(new double[]{system.changeDelta[ch]});
                    }
                }
                changeStarts.add(changes.size());
            }
            pushStart[b + 1] = termStarts.size() - 1;
            inBlockStart[b + 1] = inBlock.size();
        }
        termStart = termStarts.stream().mapToInt(Integer::intValue).toArray();
        termEntry = terms.stream().mapToInt(t -> t[0]).toArray();
        termSpecies = terms.stream().mapToInt(t -> t[1]).toArray();
        changeStart = changeStarts.stream().mapToInt(Integer::intValue).toArray();
        changeSpecies = changes.stream().mapToInt(ch -> system.changeSpecies[ch[0]]).toArray();
        changeDelta = changeDeltas.stream().mapToDouble(d -> d[0]).toArray();
        changeCode = system.packedChanges == null ? null
                : changes.stream().mapToInt(ch -> system.packedChanges[ch[0]]).toArray();
        inBlockPosition = inBlock.stream().mapToInt(t -> t[0]).toArray();
        inBlockEntry = inBlock.stream().mapToInt(t -> t[1]).toArray();
        inBlockDelta = inBlockDeltas.stream().mapToDouble(Double::doubleValue).toArray();
        sparse = new SparseBlockLu[blocks];
        sparseIndex = new int[inBlockPosition.length];
        denseNow = new boolean[blocks];
        for (int b = 0; b < blocks; b++) {
            int size = system.blockStart[b + 1] - system.blockStart[b];
            denseNow[b] = size > 2;
            if (size > 2) {
                int[] positions = Arrays.copyOfRange(inBlockPosition, inBlockStart[b], inBlockStart[b + 1]);
                sparse[b] = SparseBlockLu.of(size, positions);
                if (sparse[b] != null) {
                    for (int q = inBlockStart[b]; q < inBlockStart[b + 1]; q++) {
                        sparseIndex[q] = sparse[b].indexOf(inBlockPosition[q] / size, inBlockPosition[q] % size);
                    }
                }
            }
        }
        factorStart = new int[blocks + 1];
        pivotStart = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            int size = system.blockStart[b + 1] - system.blockStart[b];
            // dense storage only where a block may be factored densely: no sparse factors, or small enough to pivot
            boolean dense = size <= 2 || sparse[b] == null || size <= DENSE_FALLBACK_MAX;
            factorStart[b + 1] = factorStart[b] + (dense ? size * size : 0);
            pivotStart[b + 1] = pivotStart[b] + (size > 2 ? size : 0);
        }
        factors = new double[factorStart[blocks]];
        pivots = new int[pivotStart[blocks]];
        partial = new double[system.reactantSpecies.length];
        fanOutStart = new int[blocks + 1];
        for (DualRailFanOut f : system.fanOuts) {
            fanOutStart[f.lastSourceBlock + 1]++;
        }
        for (int b = 0; b < blocks; b++) {
            fanOutStart[b + 1] += fanOutStart[b];
        }
        fanOutAfter = new DualRailFanOut[system.fanOuts.length];
        int[] fill = fanOutStart.clone();
        for (DualRailFanOut f : system.fanOuts) {
            fanOutAfter[fill[f.lastSourceBlock]++] = f;
        }
        fanOutScratch = new double[system.fanOutScratchLength];
        blockRhs = new double[system.largestBlock];

    }

    /** Per block, the reactions with at least one reactant in it (each once, in reaction order). */
    private List<List<Integer>> reactionsWithReactantsIn() {
        List<List<Integer>> byBlock = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            byBlock.add(new ArrayList<>());
        }
        for (int r = 0; r < system.rates.length; r++) {
            int[] seen = new int[system.reactantStart[r + 1] - system.reactantStart[r]];
            int count = 0;
            for (int a = system.reactantStart[r]; a < system.reactantStart[r + 1]; a++) {
                int b = system.blockOf[system.reactantSpecies[a]];
                boolean known = false;
                for (int s = 0; s < count; s++) {
                    known |= seen[s] == b;
                }
                if (!known) {
                    seen[count++] = b;
                    byBlock.get(b).add(r);
                }
            }
        }
        return byBlock;
    }

    /**
     * Sets the matrix to {@code I - c J(y)}: the flux derivatives at y, and the diagonal blocks
     * inverted (1x1, 2x2) or LU-factored with partial pivoting (larger).
     *
     * @return false when a diagonal block is singular (the step must shrink)
     */
    boolean prepare(double[] y, double scale) {
        this.c = scale;
        system.fluxPartials(y, partial);
        for (int b = 0; b < blocks; b++) {
            int size = system.blockStart[b + 1] - system.blockStart[b];
            if (sparse[b] != null && prepareSparse(b, size, scale)) {
                denseNow[b] = false;
                continue;
            }
            if (sparse[b] != null && size > DENSE_FALLBACK_MAX) {
                // a pivot refused in a block too large to pivot densely: a smaller step brings I - c J towards I
                return false;
            }
            denseNow[b] = size > 2;
            int at = factorStart[b];
            Arrays.fill(factors, at, at + size * size, 0);
            for (int q = inBlockStart[b]; q < inBlockStart[b + 1]; q++) {
                factors[at + inBlockPosition[q]] -= scale * inBlockDelta[q] * partial[inBlockEntry[q]];
            }
            for (int d = 0; d < size; d++) {
                factors[at + d * size + d] += 1;
            }
            if (size == 1) {
                factors[at] = 1 / factors[at];
            } else if (size == 2) {
                double a = factors[at], bb = factors[at + 1], cc = factors[at + 2], d = factors[at + 3];
                double det = a * d - bb * cc;
                factors[at] = d / det;
                factors[at + 1] = -bb / det;
                factors[at + 2] = -cc / det;
                factors[at + 3] = a / det;
            } else if (!factor(at, size, pivotStart[b])) {
                return false;
            }
            for (int v = at; v < at + size * size; v++) {
                if (!Double.isFinite(factors[v])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Blocks larger than 2 whose factors of the last {@link #prepare} are the sparse ones (for tests and measurements). */
    int sparseBlocks() {
        int count = 0;
        for (int b = 0; b < blocks; b++) {
            count += sparse[b] != null && !denseNow[b] ? 1 : 0;
        }
        return count;
    }

    /** Assembles and factors block b sparsely; false when its pivots are refused (then it goes dense). */
    private boolean prepareSparse(int b, int size, double scale) {
        SparseBlockLu lu = sparse[b];
        lu.clear();
        double[] values = lu.values();
        for (int q = inBlockStart[b]; q < inBlockStart[b + 1]; q++) {
            values[sparseIndex[q]] -= scale * inBlockDelta[q] * partial[inBlockEntry[q]];
        }
        for (int d = 0; d < size; d++) {
            values[lu.diagonalOf(d)] += 1;
        }
        return lu.factor();
    }

    /** x = (I - c J)^-1 b; x and b may be the same array. */
    void solve(double[] b, double[] x) {
        if (x != b) {
            System.arraycopy(b, 0, x, 0, system.species);
        }
        // x holds, for species not yet reached, b plus every push so far; for the others, the solution
        int[] blockSpecies = system.blockSpecies;
        int[] blockStart = system.blockStart;
        for (int blk = 0; blk < blocks; blk++) {
            int first = blockStart[blk];
            int size = blockStart[blk + 1] - first;
            int at = factorStart[blk];
            if (size == 1) {
                int j = blockSpecies[first];
                x[j] *= factors[at];
            } else if (size == 2) {
                int j0 = blockSpecies[first];
                int j1 = blockSpecies[first + 1];
                double r0 = x[j0];
                double r1 = x[j1];
                x[j0] = factors[at] * r0 + factors[at + 1] * r1;
                x[j1] = factors[at + 2] * r0 + factors[at + 3] * r1;
            } else if (!denseNow[blk]) {
                sparse[blk].solve(x, blockSpecies, first);
            } else {
                solveFactored(blk, size, x);
            }
            for (int p = pushStart[blk]; p < pushStart[blk + 1]; p++) {
                double u = 0;
                for (int t = termStart[p]; t < termStart[p + 1]; t++) {
                    u += partial[termEntry[t]] * x[termSpecies[t]];
                }
                if (u == 0) {
                    continue;
                }
                u *= c;
                if (changeCode != null) {
                    for (int q = changeStart[p]; q < changeStart[p + 1]; q++) {
                        int code = changeCode[q];
                        x[code >>> 8] += (byte) code * u;
                    }
                } else {
                    for (int q = changeStart[p]; q < changeStart[p + 1]; q++) {
                        x[changeSpecies[q]] += changeDelta[q] * u;
                    }
                }
            }
            for (int f = fanOutStart[blk]; f < fanOutStart[blk + 1]; f++) {
                // each source reaction's c (D x), through the family's product
                fanOutAfter[f].addProducts(system.rates, c, x, x, fanOutScratch);
            }
        }
    }

    /** LU with partial pivoting of the size x size block at {@code at}, in place. */
    private boolean factor(int at, int size, int pivotAt) {
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int row = col + 1; row < size; row++) {
                if (Math.abs(factors[at + row * size + col]) > Math.abs(factors[at + pivot * size + col])) {
                    pivot = row;
                }
            }
            pivots[pivotAt + col] = pivot;
            if (factors[at + pivot * size + col] == 0) {
                return false;
            }
            if (pivot != col) {
                for (int k = 0; k < size; k++) {
                    double tmp = factors[at + col * size + k];
                    factors[at + col * size + k] = factors[at + pivot * size + k];
                    factors[at + pivot * size + k] = tmp;
                }
            }
            double diag = factors[at + col * size + col];
            for (int row = col + 1; row < size; row++) {
                double f = factors[at + row * size + col] / diag;
                factors[at + row * size + col] = f;
                if (f != 0) {
                    for (int k = col + 1; k < size; k++) {
                        factors[at + row * size + k] -= f * factors[at + col * size + k];
                    }
                }
            }
        }
        return true;
    }

    private void solveFactored(int blk, int size, double[] x) {
        int first = system.blockStart[blk];
        int at = factorStart[blk];
        int pivotAt = pivotStart[blk];
        for (int q = 0; q < size; q++) {
            blockRhs[q] = x[system.blockSpecies[first + q]];
        }
        // the factors hold L in the order after every row exchange: exchange all first
        for (int col = 0; col < size; col++) {
            int pivot = pivots[pivotAt + col];
            double tmp = blockRhs[col];
            blockRhs[col] = blockRhs[pivot];
            blockRhs[pivot] = tmp;
        }
        for (int col = 0; col < size; col++) {
            for (int row = col + 1; row < size; row++) {
                blockRhs[row] -= factors[at + row * size + col] * blockRhs[col];
            }
        }
        for (int row = size - 1; row >= 0; row--) {
            double sum = blockRhs[row];
            for (int k = row + 1; k < size; k++) {
                sum -= factors[at + row * size + k] * blockRhs[k];
            }
            blockRhs[row] = sum / factors[at + row * size + row];
        }
        for (int q = 0; q < size; q++) {
            x[system.blockSpecies[first + q]] = blockRhs[q];
        }
    }
}
