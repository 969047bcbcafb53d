package moecl.metrics;

/**
 * A growing multiset of numbers {@code b_i} answering {@code Σ_i |a − b_i|} for any {@code a} in O(log n) time,
 * with O(log n + B) insertion.
 *
 * <p>Why: the reference scripts' forgetting {@code F_ref} sums absolute differences between an expert's current
 * error and its error right after each past task. The current error changes whenever the expert learns, so a
 * plain running sum cannot be kept; re-summing all past rounds would cost O(t) per round. With the count and the
 * sum of the values at or below {@code a}, {@code Σ|a − b_i| = (a·k − S_≤) + (S_> − a·(n − k))}.
 *
 * <p>How: the values sit in sorted blocks of {@value #B} to {@code 2B} (a block that fills up splits in two), each
 * with its own prefix sums, in value order; two Fenwick trees over the blocks hold their counts and sums. A query
 * finds the first block whose largest value exceeds {@code a} (binary search over the blocks' maxima), takes the
 * counts and sums of the blocks before it from the trees and the rest from that block's prefix sums. An insertion
 * shifts one block and updates the trees; a split rebuilds the trees (O(n/B), once every B insertions or more).
 * A block's prefix sums are brought up to date lazily: an insertion only marks them stale from its position on,
 * and a query extends them as far as it reads (the same sums, added in the same order, as recomputing them at
 * every insertion: the results are bit for bit those of the eager version, which a test checks).
 * (The first version kept one sorted array with prefix sums plus an unsorted buffer merged in at √n: O(√n) per
 * query and insertion, which at T = 10^6 took almost half of each round.)
 *
 * <p>Deterministic: the result depends only on the sequence of insertions and queries.
 */
public final class AbsDeviationSum {

    /** Half the largest block: blocks hold B..2B values after their first split. */
    static final int B = 128;

    private double[][] vals = new double[4][];
    /** {@code pre[k][j] = vals[k][0] + … + vals[k][j−1]}. */
    private double[][] pre = new double[4][];
    private int[] len = new int[4];
    /** {@code pre[k][0..valid[k]]} is up to date; the entries above are stale. */
    private int[] valid = new int[4];
    private double[] max = new double[4];
    private int blocks;
    /** Fenwick trees (1-based) over the blocks: counts and sums. */
    private int[] fenCount = new int[5];
    private double[] fenSum = new double[5];
    private int size;
    /** Σ b_i, in insertion order. */
    private double total;

    public int size() {
        return size;
    }

    public void add(double b) {
        if (blocks == 0) { // the first block grows up to 2B (most multisets stay small: one per expert and type)
            vals[0] = new double[8];
            pre[0] = new double[9];
            blocks = 1;
        }
        int k = firstBlockAbove(b, true);
        if (k == blocks) {
            k = blocks - 1; // larger than everything: the last block
        }
        double[] v = vals[k];
        int n = len[k];
        if (n == v.length) {
            v = vals[k] = java.util.Arrays.copyOf(v, Math.min(2 * B, 2 * n));
            pre[k] = java.util.Arrays.copyOf(pre[k], v.length + 1);
        }
        int at = upperBound(v, n, b); // after equal values
        System.arraycopy(v, at, v, at + 1, n - at);
        v[at] = b;
        n++;
        len[k] = n;
        if (at < valid[k]) {
            valid[k] = at; // pre[k][at] still holds: it sums the values before the new one
        }
        max[k] = v[n - 1];
        size++;
        total += b;
        if (n == 2 * B) {
            split(k);
        } else {
            for (int i = k + 1; i <= blocks; i += i & -i) {
                fenCount[i]++;
                fenSum[i] += b;
            }
        }
    }

    /** {@code Σ_i |a − b_i|} over all values added so far. */
    public double sumAbsDeviation(double a) {
        if (size == 0) {
            return 0;
        }
        int k = firstBlockAbove(a, false); // blocks before k hold only values <= a
        int cnt = 0;
        double below = 0;
        for (int i = k; i > 0; i -= i & -i) {
            cnt += fenCount[i];
            below += fenSum[i];
        }
        if (k < blocks) {
            double[] v = vals[k];
            int j = upperBound(v, len[k], a);
            cnt += j;
            below += prefix(k, v, j);
        }
        return (a * cnt - below) + ((total - below) - a * (size - cnt));
    }

    /** {@code pre[k][j]}, first extending block k's prefix sums up to j. */
    private double prefix(int k, double[] v, int j) {
        double[] p = pre[k];
        int from = valid[k];
        if (j > from) {
            double acc = p[from];
            for (int i = from; i < j; i++) {
                acc += v[i];
                p[i + 1] = acc;
            }
            valid[k] = j;
        }
        return p[j];
    }

    /**
     * The first block whose maximum is {@code >= x} ({@code atOrAbove}) or {@code > x}; {@code blocks} when none.
     */
    private int firstBlockAbove(double x, boolean atOrAbove) {
        int lo = 0;
        int hi = blocks;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (atOrAbove ? max[mid] < x : max[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of the first {@code n} values of {@code v} that are {@code <= x}. */
    private static int upperBound(double[] v, int n, double x) {
        int lo = 0; // invariant: the answer lies in lo..lo+n; each step halves n (no unpredictable branch to miss)
        while (n > 0) {
            int half = n >>> 1;
            boolean right = v[lo + half] <= x;
            lo = right ? lo + half + 1 : lo;
            n = right ? n - half - 1 : half;
        }
        return lo;
    }

    /** Splits the full block k into two halves of B and rebuilds the Fenwick trees. */
    private void split(int k) {
        if (blocks == vals.length) {
            int cap = blocks * 2;
            vals = java.util.Arrays.copyOf(vals, cap);
            pre = java.util.Arrays.copyOf(pre, cap);
            len = java.util.Arrays.copyOf(len, cap);
            valid = java.util.Arrays.copyOf(valid, cap);
            max = java.util.Arrays.copyOf(max, cap);
            fenCount = new int[cap + 1];
            fenSum = new double[cap + 1];
        }
        System.arraycopy(vals, k + 1, vals, k + 2, blocks - k - 1);
        System.arraycopy(pre, k + 1, pre, k + 2, blocks - k - 1);
        System.arraycopy(len, k + 1, len, k + 2, blocks - k - 1);
        System.arraycopy(valid, k + 1, valid, k + 2, blocks - k - 1);
        System.arraycopy(max, k + 1, max, k + 2, blocks - k - 1);
        blocks++;
        double[] v = vals[k];
        double[] right = new double[2 * B];
        System.arraycopy(v, B, right, 0, B);
        double[] rightPre = new double[2 * B + 1];
        for (int j = 0; j < B; j++) {
            rightPre[j + 1] = rightPre[j] + right[j];
        }
        vals[k + 1] = right;
        pre[k + 1] = rightPre;
        len[k + 1] = B;
        valid[k + 1] = B;
        max[k + 1] = right[B - 1];
        len[k] = B;
        valid[k] = Math.min(valid[k], B);
        max[k] = v[B - 1]; // pre[k][0..B] is unchanged (where up to date)
        java.util.Arrays.fill(fenCount, 0);
        java.util.Arrays.fill(fenSum, 0.0);
        for (int i = 1; i <= blocks; i++) { // O(blocks) build: each node passes its total to its parent
            fenCount[i] += len[i - 1];
            fenSum[i] += prefix(i - 1, vals[i - 1], len[i - 1]);
            int parent = i + (i & -i);
            if (parent <= blocks) {
                fenCount[parent] += fenCount[i];
                fenSum[parent] += fenSum[i];
            }
        }
    }
}
