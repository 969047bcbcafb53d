package moecl.dnn.data;

import java.util.Objects;

/**
 * One half of MNIST (training or test): images and their digit labels, kept as bytes.
 *
 * @param images the 28×28 images
 * @param labels one digit 0..9 per image
 */
public record MnistSplit(IdxImages images, IdxLabels labels) {

    public MnistSplit {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.count() + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return images.count();
    }

    /** The digit shown by image {@code i}. */
    public int label(int i) {
        return labels.label(i);
    }

    /**
     * The chosen images as network input, normalised as in the paper's script ({@code /255}, then mean
     * {@link MnistData#MEAN}, std {@link MnistData#STD}): {@code indices.length × 784} values, image-major,
     * each image row-major (the layout of a 1×28×28 tensor).
     */
    public double[] inputs(int[] indices) {
        return images.normalised(indices, MnistData.MEAN, MnistData.STD);
    }

    /** One-vs-rest targets: 1 where the digit of image {@code indices[n]} is in {@code digits}, else 0. */
    public double[] targets(int[] indices, int... digits) {
        double[] y = new double[indices.length];
        for (int n = 0; n < indices.length; n++) {
            int d = label(indices[n]);
            for (int digit : digits) {
                if (d == digit) {
                    y[n] = 1;
                    break;
                }
            }
        }
        return y;
    }
}
