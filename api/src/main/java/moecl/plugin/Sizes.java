package moecl.plugin;

import java.util.List;

/**
 * Sizes computed in {@code long}, for checking a component's arrays and the heap they need before anything is
 * allocated ({@link PluginFactory#memory}).
 *
 * <p>Byte counts follow the layout of a 64-bit HotSpot JVM with compressed references (the default for heaps below
 * 32 GB): an array is a 16-byte header (mark word, class pointer, length) plus its elements, rounded up to 8 bytes;
 * a reference takes 4 bytes. Products and sums saturate at {@link Long#MAX_VALUE} instead of overflowing, so an
 * absurd size reads as "too much", never as a small or negative number.
 */
@moecl.spi.Experimental
public final class Sizes {

    /** The longest array the JVM allocates (HotSpot refuses a few elements below {@link Integer#MAX_VALUE}). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Bytes of an array's header. */
    static final long HEADER = 16;

    private Sizes() {
    }

    /** Bytes of a {@code double[n]}. */
    public static long doubles(long n) {
        return array(n, 8);
    }

    /** Bytes of a {@code long[n]}. */
    public static long longs(long n) {
        return array(n, 8);
    }

    /** Bytes of an {@code int[n]}. */
    public static long ints(long n) {
        return array(n, 4);
    }

    /** Bytes of a {@code byte[n]} or {@code boolean[n]}. */
    public static long bytes(long n) {
        return array(n, 1);
    }

    /** Bytes of an array of n references (the objects they point to not included). */
    public static long refs(long n) {
        return array(n, 4);
    }

    /** Bytes of a {@code double[rows][cols]}: the array of rows and each row. */
    public static long matrix(long rows, long cols) {
        return add(refs(rows), times(rows, doubles(cols)));
    }

    private static long array(long n, int width) {
        if (n < 0) {
            throw new IllegalArgumentException("negative array size " + n);
        }
        long data = times(n, width);
        return add(HEADER, data == Long.MAX_VALUE ? data : (data + 7) / 8 * 8);
    }

    /** The product of non-negative factors, {@link Long#MAX_VALUE} when it overflows. */
    public static long times(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f < 0) {
                throw new IllegalArgumentException("negative size " + f);
            }
            if (f == 0) {
                return 0;
            }
            if (p > Long.MAX_VALUE / f) {
                p = Long.MAX_VALUE;
            } else {
                p *= f;
            }
        }
        return p;
    }

    /** The sum of non-negative terms, {@link Long#MAX_VALUE} when it overflows. */
    public static long add(long... terms) {
        long s = 0;
        for (long t : terms) {
            if (t < 0) {
                throw new IllegalArgumentException("negative size " + t);
            }
            s = s > Long.MAX_VALUE - t ? Long.MAX_VALUE : s + t;
        }
        return s;
    }

    /**
     * The length of an array of {@code n} elements, checked: at most {@link #MAX_ARRAY}, else an
     * {@link IllegalArgumentException} with one line, {@code what} followed by the count, what a Java array holds
     * and what to lower, e.g. {@code "gaussian: d·s (d=1000000000, s=5) is 5000000000 values, more than a Java
     * array holds (2147483639); lower d or s"}.
     *
     * @param what  what is counted, naming the parameters with their values
     * @param lower the parameters to lower, as the user writes them
     */
    public static int length(long n, String what, List<String> lower) {
        if (n < 0 || n > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " is " + (n < 0 ? "more than " + Long.MAX_VALUE : n)
                    + " values, more than a Java array holds (" + MAX_ARRAY + "); lower " + either(lower));
        }
        return (int) n;
    }

    /** {@code "d"}, {@code "d or s"}, {@code "d, s or N"}. */
    public static String either(List<String> names) {
        if (names.isEmpty()) {
            return "its sizes";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /**
     * A byte count as people read it, in binary units as {@code -Xmx} counts them: {@code "812 bytes"},
     * {@code "4 KB"}, {@code "512 MB"}, {@code "7.5 GB"}, {@code "1.2 TB"}; one decimal below 100 of a unit (dropped
     * when it is 0), none above.
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String n;
        if (v >= 100) {
            n = Long.toString(Math.round(v));
        } else {
            n = String.format(java.util.Locale.ROOT, "%.1f", v);
            if (n.endsWith(".0")) {
                n = n.substring(0, n.length() - 2);
            }
        }
        if (n.equals("1024") && u < units.length - 1) { // 1023.6 MB rounds up to the next unit
            return "1 " + units[u + 1];
        }
        return n + " " + units[u];
    }

    /**
     * The heap one {@link moecl.task.LinearTask} of this shape takes: X (d·s), y (s), the gate input (d) and the
     * record itself.
     */
    public static long linearTask(long d, long s) {
        return add(doubles(times(d, s)), doubles(s), doubles(d), 40);
    }
}
