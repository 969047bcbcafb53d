package moecl.dnn.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import moecl.dnn.data.MnistSplit;
import moecl.rng.RandomSource;

/**
 * The fixed world of an MNIST run (paper.md §7, Fig. 3): the training split, one permutation of it drawn from the
 * run's seed, the task types (which images a type uses and which digits are its positives), how an arrival picks
 * its images, and the gate features.
 *
 * <p><b>Slicing.</b> Every task type has an index list: the permutation restricted to the images the type uses
 * (all images for one-vs-rest tasks; the two digits of the pair for split tasks). Occurrence {@code k} uses the
 * positions {@code [s, s + train)} of that list for training and {@code [s + train, s + train + test)} for testing,
 * with {@code s = k·(train + test)}, reduced by {@code n − test} (59,000 for the 60,000 MNIST images and 1,000 test
 * images) while {@code s + train + test > n}: the reference script's wrap.
 *
 * <p><b>Features.</b> {@code reference}: per type, the sum of the (normalised) positive training images of occurrence
 * 0 of that type; the N×784 matrix divided by its Frobenius norm; then −0.5 added to every entry of type 0's row and
 * +0.5 to type 1's (other rows unshifted). {@code mean}: per type, the mean of those positive images.
 */
public final class MnistWorld {

    /** How an arrival picks its slice. */
    public enum Slices {
        /** occurrence k = the number of tasks the chosen expert learned before (the reference) */
        PER_EXPERT,
        /** occurrence k = round − 1, whoever learns the task */
        PER_ARRIVAL
    }

    /** How the gate features are made. */
    public enum Features { REFERENCE, MEAN }

    /** The training and test data of one arrival. */
    public record Slice(int type, int occurrence, int start, int[] trainIndices, int[] testIndices) {
    }

    private final MnistSplit data;
    private final int[] permutation;
    private final int[][] typeIndices;
    private final int[][] positives;
    private final String[] names;
    private final int train;
    private final int test;
    private final Slices slices;
    private final double[][] features;

    /**
     * @param data        the images to draw from (the MNIST training split)
     * @param permutation a permutation of {@code 0..data.size()-1}
     * @param pools       per task type, the digits whose images the type uses ({@code null}: every image)
     * @param positives   per task type, the digits labelled 1
     */
    public MnistWorld(MnistSplit data, int[] permutation, int[][] pools, int[][] positives, int train, int test,
                      Slices slices, Features features) {
        if (train < 1 || test < 1) {
            throw new IllegalArgumentException("mnist needs train >= 1 and test >= 1, got train=" + train
                    + ", test=" + test);
        }
        this.data = data;
        this.permutation = permutation;
        this.train = train;
        this.test = test;
        this.slices = slices;
        this.positives = positives;
        int n = positives.length;
        this.typeIndices = new int[n][];
        this.names = new String[n];
        for (int t = 0; t < n; t++) {
            typeIndices[t] = restrict(data, permutation, pools[t]);
            names[t] = (pools[t] == null ? "" : Arrays.toString(pools[t]) + ":") + Arrays.toString(positives[t]);
            if (typeIndices[t].length < (long) train + test) {
                throw new IllegalArgumentException("mnist task type " + t + " has " + typeIndices[t].length
                        + " images, fewer than train + test = " + ((long) train + test) + " (train=" + train
                        + ", test=" + test + "); lower train or test");
            }
        }
        this.features = features == Features.REFERENCE ? referenceFeatures() : meanFeatures();
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates from the top, one {@code nextInt} per step). */
    public static int[] permutation(RandomSource rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static int[] restrict(MnistSplit data, int[] perm, int[] pool) {
        if (pool == null) {
            return perm;
        }
        List<Integer> out = new ArrayList<>();
        for (int i : perm) {
            int label = data.label(i);
            for (int d : pool) {
                if (label == d) {
                    out.add(i);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The start position in type {@code type}'s index list of occurrence {@code k} (see the class comment). */
    public int start(int type, int k) {
        int n = typeIndices[type].length;
        long stride = train + test;
        long s = k * stride;
        long wrap = n - test;
        if (s + stride > n) {
            long over = s + stride - n;
            s -= ((over + wrap - 1) / wrap) * wrap;
        }
        return (int) s;
    }

    /** The images of occurrence {@code k} of task type {@code type}. */
    public Slice slice(int type, int k) {
        int s = start(type, k);
        int[] list = typeIndices[type];
        return new Slice(type, k, s, Arrays.copyOfRange(list, s, s + train),
                Arrays.copyOfRange(list, s + train, s + train + test));
    }

    /** Network inputs (normalised like the paper) for these images. */
    public double[] inputs(int[] indices) {
        return data.inputs(indices);
    }

    /** One-vs-rest targets of task type {@code type} for these images. */
    public double[] targets(int type, int[] indices) {
        return data.targets(indices, positives[type]);
    }

    public int types() {
        return positives.length;
    }

    public int train() {
        return train;
    }

    public int test() {
        return test;
    }

    public Slices slices() {
        return slices;
    }

    /** The permutation of the training split (callers must not modify it). */
    public int[] permutation() {
        return permutation;
    }

    /** The index list of a task type (callers must not modify it). */
    public int[] typeIndices(int type) {
        return typeIndices[type];
    }

    /** A short name of a task type, e.g. {@code [1]} or {@code [0, 1]:[1]}. */
    public String typeName(int type) {
        return names[type];
    }

    /** The gate features, one row of 784 values per task type (callers must not modify them). */
    public double[][] features() {
        return features;
    }

    private double[][] positiveImages(int type, boolean mean) {
        Slice s = slice(type, 0);
        double[] x = inputs(s.trainIndices());
        double[] y = targets(type, s.trainIndices());
        int size = x.length / s.trainIndices().length;
        double[] sum = new double[size];
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1) {
                count++;
                for (int p = 0; p < size; p++) {
                    sum[p] += x[i * size + p];
                }
            }
        }
        if (mean && count > 0) {
            for (int p = 0; p < size; p++) {
                sum[p] /= count;
            }
        }
        return new double[][] {sum};
    }

    private double[][] meanFeatures() {
        double[][] f = new double[types()][];
        for (int t = 0; t < f.length; t++) {
            f[t] = positiveImages(t, true)[0];
        }
        return f;
    }

    private double[][] referenceFeatures() {
        double[][] f = new double[types()][];
        double frob = 0;
        for (int t = 0; t < f.length; t++) {
            f[t] = positiveImages(t, false)[0];
            for (double v : f[t]) {
                frob += v * v;
            }
        }
        frob = Math.sqrt(frob);
        for (int t = 0; t < f.length; t++) {
            double shift = t == 0 ? -0.5 : t == 1 ? 0.5 : 0;
            for (int p = 0; p < f[t].length; p++) {
                f[t][p] = (frob == 0 ? 0 : f[t][p] / frob) + shift;
            }
        }
        return f;
    }
}
