package nn2crn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * LU factors of one sparse diagonal block of {@code I - c J}, in a fill-reducing order fixed once
 * from the block's pattern (minimum degree on the symmetrized pattern), without numerical pivoting.
 * The blocks of a DNA-level CRN are stars: a gate and its helper bind to each of dozens of signal
 * complexes, so a block of 96 species has about 400 entries. In the species' own order (gate first)
 * dense elimination fills the whole block and costs {@code size^3 / 3}; eliminated leaves first, no
 * fill appears and a factorization costs a pass over the entries.
 *
 * <p>Without pivoting a factorization can meet a small pivot: {@link #factor} then says no, and the
 * caller factors the block densely with partial pivoting for that step instead.
 */
final class SparseBlockLu {

    /** A pivot smaller than this fraction of the largest entry below it is refused (threshold pivoting's test). */
    private static final double PIVOT_THRESHOLD = 1e-3;
    /** Above this many multiply-adds per factorization the block is left to dense elimination. */
    static final long MAX_UPDATES = 4_000_000;
    /** Above this size the position map alone (size^2 ints) is too big: dense elimination. */
    static final int MAX_SIZE = 2048;

    final int size;
    /** order[k]: the block position eliminated k-th. */
    private final int[] order;
    private final double[] values;
    private final int[] diagonal;
    /** Pivot k's neighbours (later pivots), as rows below it and as columns right of it: the same set. */
    private final int[] neighbourStart;
    private final int[] neighbour;
    private final int[] lowerIndex;
    private final int[] upperIndex;
    /** Per pivot k, per (row i, column j) of its neighbours, the value index of (i, j). */
    private final int[] updateStart;
    private final int[] updateIndex;
    /** The value index of each (row, column) of the pattern, block positions, row * size + column; -1 elsewhere. */
    private final int[] indexOfPosition;
    private final double[] work;

    private SparseBlockLu(int size, int[] order, int[] neighbourStart, int[] neighbour, int[] indexOfPosition,
                          int entries) {
        this.size = size;
        this.order = order;
        this.neighbourStart = neighbourStart;
        this.neighbour = neighbour;
        this.indexOfPosition = indexOfPosition;
        values = new double[entries];
        diagonal = new int[size];
        lowerIndex = new int[neighbour.length];
        upperIndex = new int[neighbour.length];
        for (int k = 0; k < size; k++) {
            diagonal[k] = at(k, k);
            for (int e = neighbourStart[k]; e < neighbourStart[k + 1]; e++) {
                lowerIndex[e] = at(neighbour[e], k);
                upperIndex[e] = at(k, neighbour[e]);
            }
        }
        updateStart = new int[size + 1];
        for (int k = 0; k < size; k++) {
            int d = neighbourStart[k + 1] - neighbourStart[k];
            updateStart[k + 1] = updateStart[k] + d * d;
        }
        updateIndex = new int[updateStart[size]];
        int cursor = 0;
        for (int k = 0; k < size; k++) {
            for (int e = neighbourStart[k]; e < neighbourStart[k + 1]; e++) {
                for (int u = neighbourStart[k]; u < neighbourStart[k + 1]; u++) {
                    updateIndex[cursor++] = at(neighbour[e], neighbour[u]);
                }
            }
        }
        work = new double[size];
    }

    /** The value index of (pivot i, pivot j). */
    private int at(int i, int j) {
        return indexOfPosition[order[i] * size + order[j]];
    }

    /**
     * The factors' structure for a block whose nonzero entries (besides the diagonal) are at
     * {@code row * size + column} of {@code positions}, or null when even the fill-reducing order
     * leaves more than {@link #MAX_UPDATES} multiply-adds (dense elimination is as good then).
     */
    static SparseBlockLu of(int size, int[] positions) {
        if (size > MAX_SIZE) {
            return null;
        }
        BitSet[] adjacent = new BitSet[size];
        for (int i = 0; i < size; i++) {
            adjacent[i] = new BitSet(size);
        }
        for (int p : positions) {
            int row = p / size;
            int column = p % size;
            if (row != column) {
                adjacent[row].set(column);
                adjacent[column].set(row);
            }
        }
        // minimum degree: eliminate the node with fewest remaining neighbours, joining those into a clique
        int[] order = new int[size];
        int[] pivotOf = new int[size];
        boolean[] eliminated = new boolean[size];
        List<int[]> neighbours = new ArrayList<>();
        long updates = 0;
        for (int k = 0; k < size; k++) {
            int best = -1;
            int fewest = Integer.MAX_VALUE;
            for (int v = 0; v < size; v++) {
                if (!eliminated[v]) {
                    int degree = adjacent[v].cardinality();
                    if (degree < fewest) {
                        fewest = degree;
                        best = v;
                    }
                }
            }
            order[k] = best;
            pivotOf[best] = k;
            eliminated[best] = true;
            int[] around = adjacent[best].stream().toArray();
            neighbours.add(around);
            updates += (long) around.length * around.length;
            if (updates > MAX_UPDATES) {
                return null;
            }
            for (int u : around) {
                adjacent[u].or(adjacent[best]);
                adjacent[u].clear(u);
                adjacent[u].clear(best);
            }
            adjacent[best].clear();
        }
        int[] neighbourStart = new int[size + 1];
        for (int k = 0; k < size; k++) {
            neighbourStart[k + 1] = neighbourStart[k] + neighbours.get(k).length;
        }
        int[] neighbour = new int[neighbourStart[size]];
        int[] indexOfPosition = new int[size * size];
        Arrays.fill(indexOfPosition, -1);
        int entries = 0;
        for (int k = 0; k < size; k++) {
            int[] around = neighbours.get(k);
            // in pivot numbers, ascending: every neighbour is eliminated later
            int[] later = new int[around.length];
            for (int a = 0; a < around.length; a++) {
                later[a] = pivotOf[around[a]];
            }
            Arrays.sort(later);
            System.arraycopy(later, 0, neighbour, neighbourStart[k], later.length);
            int self = order[k] * size + order[k];
            if (indexOfPosition[self] < 0) {
                indexOfPosition[self] = entries++;
            }
            for (int i : later) {
                for (int j : later) {
                    int p = order[i] * size + order[j];
                    if (indexOfPosition[p] < 0) {
                        indexOfPosition[p] = entries++;
                    }
                }
                for (int p : new int[]{order[i] * size + order[k], order[k] * size + order[i]}) {
                    if (indexOfPosition[p] < 0) {
                        indexOfPosition[p] = entries++;
                    }
                }
            }
        }
        for (int p : positions) {
            if (indexOfPosition[p] < 0) {
                // an entry of the pattern is an edge of the elimination graph: it was given an index above
                throw new IllegalStateException("entry " + p + " of a block of " + size + " lies outside its factors");
            }
        }
        return new SparseBlockLu(size, order, neighbourStart, neighbour, indexOfPosition, entries);
    }

    /** The value index of block entry (row, column), block positions; -1 when not in the pattern. */
    int indexOf(int row, int column) {
        return indexOfPosition[row * size + column];
    }

    double[] values() {
        return values;
    }

    void clear() {
        Arrays.fill(values, 0);
    }

    /**
     * Factors the assembled values in place; false when a pivot is zero, not finite, or below
     * {@link #PIVOT_THRESHOLD} of the largest entry under it (the caller then pivots densely).
     */
    boolean factor() {
        for (int k = 0; k < size; k++) {
            double pivot = values[diagonal[k]];
            int first = neighbourStart[k];
            int last = neighbourStart[k + 1];
            double largest = 0;
            for (int e = first; e < last; e++) {
                largest = Math.max(largest, Math.abs(values[lowerIndex[e]]));
            }
            if (!Double.isFinite(pivot) || pivot == 0 || Math.abs(pivot) < PIVOT_THRESHOLD * largest) {
                return false;
            }
            int cursor = updateStart[k];
            int width = last - first;
            for (int e = first; e < last; e++) {
                double l = values[lowerIndex[e]] / pivot;
                values[lowerIndex[e]] = l;
                if (l == 0) {
                    cursor += width;
                    continue;
                }
                for (int u = first; u < last; u++) {
                    values[updateIndex[cursor++]] -= l * values[upperIndex[u]];
                }
            }
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Solves in place for the block's species {@code species[first .. first + size)} of x. */
    void solve(double[] x, int[] species, int first) {
        for (int k = 0; k < size; k++) {
            work[k] = x[species[first + order[k]]];
        }
        for (int k = 0; k < size; k++) {
            double w = work[k];
            if (w != 0) {
                for (int e = neighbourStart[k]; e < neighbourStart[k + 1]; e++) {
                    work[neighbour[e]] -= values[lowerIndex[e]] * w;
                }
            }
        }
        for (int k = size - 1; k >= 0; k--) {
            double sum = work[k];
            for (int e = neighbourStart[k]; e < neighbourStart[k + 1]; e++) {
                sum -= values[upperIndex[e]] * work[neighbour[e]];
            }
            work[k] = sum / values[diagonal[k]];
        }
        for (int k = 0; k < size; k++) {
            x[species[first + order[k]]] = work[k];
        }
    }
}
