package moecl.dnn.data;

import java.util.Objects;

/**
 * Labels from an IDX file (magic {@code 0x00000801}): one unsigned byte per item, stored compactly.
 *
 * <p>The array is shared, not copied: treat it as read-only.
 *
 * @param labels one byte per item, values 0..255 read with {@code & 0xFF}
 */
public record IdxLabels(byte[] labels) {

    public IdxLabels {
        Objects.requireNonNull(labels, "labels");
    }

    /** Number of labels. */
    public int count() {
        return labels.length;
    }

    /** Label {@code i} as an int in 0..255. */
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)] & 0xFF;
    }
}
