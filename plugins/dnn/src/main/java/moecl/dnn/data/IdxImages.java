package moecl.dnn.data;

import java.util.Objects;

/**
 * A set of greyscale images from an IDX file (magic {@code 0x00000803}): {@code count} images of
 * {@code rows × cols} unsigned bytes, stored compactly in one {@code byte[]} (image-major, then row-major) and
 * converted to {@code double} only on demand.
 *
 * <p>The array is shared, not copied: treat it as read-only.
 *
 * @param count  number of images
 * @param rows   height of every image
 * @param cols   width of every image
 * @param pixels {@code count·rows·cols} bytes, pixel {@code (r, c)} of image {@code i} at
 *               {@code i·rows·cols + r·cols + c}, values 0..255 read with {@code & 0xFF}
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Checks that the pixel array length matches the dimensions. */
    public IdxImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("bad dimensions " + count + "x" + rows + "x" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                    + (long) count * rows * cols);
        }
    }

    /** Pixels per image, {@code rows·cols}. */
    public int imageSize() {
        return rows * cols;
    }

    /** Pixel {@code (r, c)} of image {@code i} as an int in 0..255. */
    public int pixel(int i, int r, int c) {
        Objects.checkIndex(i, count);
        Objects.checkIndex(r, rows);
        Objects.checkIndex(c, cols);
        return pixels[i * imageSize() + r * cols + c] & 0xFF;
    }

    /**
     * Converts the chosen images to doubles, {@code (p/255 − mean)/std} per pixel (torchvision's
     * {@code ToTensor()} followed by {@code Normalize((mean,), (std,))}, here in double precision).
     *
     * @param indices which images, in the order they should appear
     * @return {@code indices.length × imageSize()} values, image-major
     */
    public double[] normalised(int[] indices, double mean, double std) {
        int size = imageSize();
        double[] out = new double[indices.length * size];
        for (int n = 0; n < indices.length; n++) {
            int from = Objects.checkIndex(indices[n], count) * size;
            int to = n * size;
            for (int j = 0; j < size; j++) {
                out[to + j] = ((pixels[from + j] & 0xFF) / 255.0 - mean) / std;
            }
        }
        return out;
    }
}
