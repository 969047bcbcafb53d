package moecl.metrics;

import java.util.Arrays;

/**
 * A growing multiset of numbers {@code b_i} answering {@code Σ_i |a − b_i|} for any {@code a} in
 * O(log n + √n) time, with amortised O(√n) insertion.
 *
 * <p>Why: the reference scripts' forgetting {@code F_ref} sums absolute differences between an expert's current
 * error and its error right after each past task. The current error changes whenever the expert learns, so a
 * plain running sum cannot be kept; re-summing all past rounds would cost O(t) per round. Values are kept as a
 * sorted block with prefix sums plus a small unsorted buffer that is merged in when it outgrows √n.
 *
 * <p>Deterministic: the result depends only on the sequence of insertions and queries.
 */
public final class AbsDeviationSum {

    private double[] sorted = new double[16];
    private double[] prefix = new double[17]; // prefix[k] = sorted[0] + ... + sorted[k-1]
    private int sortedSize;
    private double[] buffer = new double[16];
    private int bufferSize;

    public int size() {
        return sortedSize + bufferSize;
    }

    public void add(double b) {
        if (bufferSize == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[bufferSize++] = b;
        if (bufferSize > 8 && (long) bufferSize * bufferSize > sortedSize) {
            merge();
        }
    }

    /** {@code Σ_i |a − b_i|} over all values added so far. */
    public double sumAbsDeviation(double a) {
        double total = 0;
        if (sortedSize > 0) {
            int k = upperBound(a); // number of sorted values <= a
            double below = prefix[k];
            double above = prefix[sortedSize] - below;
            total = (a * k - below) + (above - a * (sortedSize - k));
        }
        for (int i = 0; i < bufferSize; i++) {
            total += Math.abs(a - buffer[i]);
        }
        return total;
    }

    private int upperBound(double a) {
        int lo = 0;
        int hi = sortedSize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void merge() {
        Arrays.sort(buffer, 0, bufferSize);
        int n = sortedSize + bufferSize;
        double[] out = new double[Math.max(16, Integer.highestOneBit(n) << 1)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < sortedSize && j < bufferSize) {
            out[k++] = sorted[i] <= buffer[j] ? sorted[i++] : buffer[j++];
        }
        while (i < sortedSize) {
            out[k++] = sorted[i++];
        }
        while (j < bufferSize) {
            out[k++] = buffer[j++];
        }
        sorted = out;
        sortedSize = n;
        bufferSize = 0;
        if (prefix.length < n + 1) {
            prefix = new double[out.length + 1];
        }
        double s = 0;
        prefix[0] = 0;
        for (int m = 0; m < n; m++) {
            s += sorted[m];
            prefix[m + 1] = s;
        }
    }
}
