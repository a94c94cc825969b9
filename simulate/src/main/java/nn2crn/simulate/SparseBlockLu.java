package nn2crn.simulate;

import java.util.Arrays;
import java.util.BitSet;

/**
 * LU factors of one sparse diagonal block of {@code I - c J}, in a fill-reducing order fixed once
 * from the block's pattern (minimum degree on the symmetrized pattern), without numerical pivoting.
 * The blocks of a DNA-level CRN are stars and chains of stars: a gate and its helper bind to each
 * of dozens of signal complexes (a block of 96 species has about 400 entries), and a winner-take-all
 * stage couples thousands of species through its catalytic gates. In the species' own order (gate
 * first) dense elimination fills the whole block and costs {@code size^3 / 3} (1.2e11 for the 7,167
 * species of the MNIST winner-take-all design); leaves eliminated first, little or no fill appears.
 *
 * <p>The factors are stored by rows of pivot order (compressed rows of the filled pattern, columns
 * ascending) and computed row by row (Doolittle, "IKJ") through one dense work row, so memory is the
 * filled pattern and time its multiply-adds. Without pivoting a factorization can meet a small pivot:
 * {@link #factor} then says no, and the caller pivots densely (small blocks) or shrinks the step, which
 * brings {@code I - c J} towards the identity.
 */
final class SparseBlockLu {

    /** A pivot smaller than this fraction of the largest entry of its row of U is refused. */
    private static final double PIVOT_THRESHOLD = 1e-3;
    /** Above this many multiply-adds per factorization the sparse form is not used. */
    static final long MAX_UPDATES = 200_000_000L;
    /** Above this size the symbolic analysis (size^2 bits) is not attempted. */
    static final int MAX_SIZE = 20_000;

    final int size;
    /** order[k]: the block position eliminated k-th; pivotOf is its inverse. */
    private final int[] order;
    private final int[] pivotOf;
    /** Row k of the factors (pivot order): columns rowColumn[rowStart[k] .. rowStart[k + 1]) ascending, L left of the diagonal. */
    private final int[] rowStart;
    private final int[] rowColumn;
    private final int[] diagonal;
    private final double[] values;
    private final double[] work;
    private final long updates;

    private SparseBlockLu(int size, int[] order, int[] pivotOf, int[] rowStart, int[] rowColumn, long updates) {
        this.size = size;
        this.order = order;
        this.pivotOf = pivotOf;
        this.rowStart = rowStart;
        this.rowColumn = rowColumn;
        this.updates = updates;
        values = new double[rowColumn.length];
        diagonal = new int[size];
        for (int k = 0; k < size; k++) {
            diagonal[k] = find(k, k);
        }
        work = new double[size];
    }

    /**
     * The factors' structure for a block whose nonzero entries (besides the diagonal) are at
     * {@code row * size + column} of {@code positions} (block positions), or null when the block is
     * too large to analyse or its factors too costly ({@link #MAX_SIZE}, {@link #MAX_UPDATES}).
     */
    static SparseBlockLu of(int size, int[] positions) {
        if (size > MAX_SIZE) {
            return null;
        }
        BitSet[] adjacent = new BitSet[size];
        for (int i = 0; i < size; i++) {
            adjacent[i] = new BitSet();
        }
        for (int p : positions) {
            int row = p / size;
            int column = p % size;
            if (row != column) {
                adjacent[row].set(column);
                adjacent[column].set(row);
            }
        }
        int[] degree = new int[size];
        for (int i = 0; i < size; i++) {
            degree[i] = adjacent[i].cardinality();
        }
        // minimum degree: eliminate the node with fewest remaining neighbours, joining those into a clique
        int[] order = new int[size];
        int[] pivotOf = new int[size];
        int[][] later = new int[size][];
        boolean[] eliminated = new boolean[size];
        long updates = 0;
        for (int k = 0; k < size; k++) {
            int best = -1;
            for (int v = 0; v < size; v++) {
                if (!eliminated[v] && (best < 0 || degree[v] < degree[best])) {
                    best = v;
                }
            }
            order[k] = best;
            pivotOf[best] = k;
            eliminated[best] = true;
            int[] around = adjacent[best].stream().toArray();
            later[k] = around;
            updates += (long) around.length * around.length;
            if (updates > MAX_UPDATES) {
                return null;
            }
            for (int u : around) {
                adjacent[u].or(adjacent[best]);
                adjacent[u].clear(u);
                adjacent[u].clear(best);
                degree[u] = adjacent[u].cardinality();
            }
            adjacent[best] = null;
        }
        // row k of the filled pattern: L at the earlier pivots whose neighbour k is, U at k's own neighbours
        int[] count = new int[size];
        for (int k = 0; k < size; k++) {
            count[k] += 1 + later[k].length;
            for (int node : later[k]) {
                count[pivotOf[node]]++;
            }
        }
        int[] rowStart = new int[size + 1];
        for (int k = 0; k < size; k++) {
            rowStart[k + 1] = rowStart[k] + count[k];
        }
        int[] rowColumn = new int[rowStart[size]];
        int[] fill = Arrays.copyOf(rowStart, size);
        for (int k = 0; k < size; k++) {
            rowColumn[fill[k]++] = k;
            for (int node : later[k]) {
                int i = pivotOf[node];
                rowColumn[fill[k]++] = i;
                rowColumn[fill[i]++] = k;
            }
        }
        for (int k = 0; k < size; k++) {
            Arrays.sort(rowColumn, rowStart[k], rowStart[k + 1]);
        }
        SparseBlockLu lu = new SparseBlockLu(size, order, pivotOf, rowStart, rowColumn, updates);
        for (int p : positions) {
            if (lu.indexOf(p / size, p % size) < 0) {
                // every entry of the pattern is an edge of the elimination graph
                throw new IllegalStateException("entry " + p + " of a block of " + size + " lies outside its factors");
            }
        }
        return lu;
    }

    /** The value index of (pivot row k, pivot column j), or -1. */
    private int find(int k, int j) {
        int at = Arrays.binarySearch(rowColumn, rowStart[k], rowStart[k + 1], j);
        return at < 0 ? -1 : at;
    }

    /** The value index of block entry (row, column), block positions; -1 when not in the pattern. */
    int indexOf(int row, int column) {
        return find(pivotOf[row], pivotOf[column]);
    }

    /** The value index of the diagonal entry of block position d. */
    int diagonalOf(int d) {
        return diagonal[pivotOf[d]];
    }

    /** Multiply-adds per factorization. */
    long updates() {
        return updates;
    }

    double[] values() {
        return values;
    }

    void clear() {
        Arrays.fill(values, 0);
    }

    /**
     * Factors the assembled values in place; false when a pivot is zero, not finite, or below
     * {@link #PIVOT_THRESHOLD} of the largest entry of its row of U.
     */
    boolean factor() {
        for (int i = 0; i < size; i++) {
            int first = rowStart[i];
            int last = rowStart[i + 1];
            for (int e = first; e < last; e++) {
                work[rowColumn[e]] = values[e];
            }
            // row i minus the multiples of the earlier rows that its L part names, in pivot order
            for (int e = first; e < last && rowColumn[e] < i; e++) {
                int k = rowColumn[e];
                double l = work[k] / values[diagonal[k]];
                work[k] = l;
                if (l != 0) {
                    for (int u = diagonal[k] + 1; u < rowStart[k + 1]; u++) {
                        work[rowColumn[u]] -= l * values[u];
                    }
                }
            }
            double largest = 0;
            for (int e = first; e < last; e++) {
                int j = rowColumn[e];
                values[e] = work[j];
                work[j] = 0;
                if (j > i) {
                    largest = Math.max(largest, Math.abs(values[e]));
                }
            }
            double pivot = values[diagonal[i]];
            if (!Double.isFinite(pivot) || pivot == 0 || Math.abs(pivot) < PIVOT_THRESHOLD * largest) {
                return false;
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
        for (int i = 0; i < size; i++) {
            double sum = work[i];
            for (int e = rowStart[i]; e < diagonal[i]; e++) {
                sum -= values[e] * work[rowColumn[e]];
            }
            work[i] = sum;
        }
        for (int i = size - 1; i >= 0; i--) {
            double sum = work[i];
            for (int e = diagonal[i] + 1; e < rowStart[i + 1]; e++) {
                sum -= values[e] * work[rowColumn[e]];
            }
            work[i] = sum / values[diagonal[i]];
        }
        for (int k = 0; k < size; k++) {
            x[species[first + order[k]]] = work[k];
            work[k] = 0;
        }
    }
}
