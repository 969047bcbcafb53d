package moecl.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything observable of one run, in order, as bits: compared between runs that must agree (same seed, one thread
 * or two), the first difference named.
 */
final class Trace {

    /** Arrays up to this length are kept value by value (so a difference names the value); longer ones as a hash. */
    static final int KEEP = 64;

    private record Entry(String label, long bits, Kind kind) {
        String shown() {
            return switch (kind) {
                case REAL -> Double.toString(Double.longBitsToDouble(bits));
                case INTEGER -> Long.toString(bits);
                case HASH -> "hash " + Long.toHexString(bits);
            };
        }
    }

    private enum Kind { REAL, INTEGER, HASH }

    private final List<Entry> entries = new ArrayList<>();

    void real(String label, double v) {
        entries.add(new Entry(label, Double.doubleToRawLongBits(v), Kind.REAL));
    }

    void integer(String label, long v) {
        entries.add(new Entry(label, v, Kind.INTEGER));
    }

    /** An array of any dimension: short {@code double[]} value by value, anything else as a hash; null as such. */
    void array(String label, Object a) {
        if (a == null) {
            integer(label + " (null)", 0);
        } else if (a instanceof double[] d && d.length <= KEEP) {
            integer(label + " length", d.length);
            for (int i = 0; i < d.length; i++) {
                real(label + "[" + i + "]", d[i]);
            }
        } else if (a instanceof int[] v && v.length <= KEEP) {
            integer(label + " length", v.length);
            for (int i = 0; i < v.length; i++) {
                integer(label + "[" + i + "]", v[i]);
            }
        } else {
            entries.add(new Entry(label, Arrays2.hash(a), Kind.HASH));
        }
    }

    /** A text, kept as a 64-bit hash of its characters (FNV-1a). */
    void text(String label, String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        entries.add(new Entry(label, h, Kind.HASH));
    }

    int size() {
        return entries.size();
    }

    /**
     * The first place where {@code other} differs: {@code "round 4, router's noisy output [1]: 0.25 in the first run,
     * 0.2500000001 in the second"}; {@code null} when the two are the same bit for bit.
     */
    String difference(Trace other, String first, String second) {
        int n = Math.min(entries.size(), other.entries.size());
        for (int i = 0; i < n; i++) {
            Entry a = entries.get(i);
            Entry b = other.entries.get(i);
            if (!a.label().equals(b.label())) {
                return "the " + first + " recorded " + a.label() + " where the " + second + " recorded " + b.label();
            }
            if (a.bits() != b.bits()) {
                return a.label() + ": " + a.shown() + " in the " + first + ", " + b.shown() + " in the " + second;
            }
        }
        if (entries.size() != other.entries.size()) {
            Trace longer = entries.size() > n ? this : other;
            return "the " + (longer == this ? first : second) + " recorded more: "
                    + longer.entries.get(n).label();
        }
        return null;
    }
}
