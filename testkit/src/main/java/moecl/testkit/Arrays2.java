package moecl.testkit;

import java.lang.reflect.Array;

/** Deep copies, comparisons and checks of the arrays plugins exchange (primitive arrays and arrays of them). */
final class Arrays2 {

    private Arrays2() {
    }

    /** A deep copy of an array (any dimension), or {@code null}. */
    static Object copy(Object a) {
        if (a == null) {
            return null;
        }
        int n = Array.getLength(a);
        Class<?> c = a.getClass().getComponentType();
        if (c.isPrimitive()) {
            Object out = Array.newInstance(c, n);
            System.arraycopy(a, 0, out, 0, n);
            return out;
        }
        Object out = Array.newInstance(c, n);
        for (int i = 0; i < n; i++) {
            Object item = Array.get(a, i);
            Array.set(out, i, item != null && item.getClass().isArray() ? copy(item) : item);
        }
        return out;
    }

    /**
     * Where {@code now} differs from {@code was}, bit for bit: {@code "[2][5]: 0.25 -> NaN"}, {@code "length 3 -> 2"};
     * {@code null} when they are the same.
     */
    static String difference(Object was, Object now) {
        return difference(was, now, "");
    }

    private static String difference(Object was, Object now, String at) {
        if (was == null || now == null) {
            return was == now ? null : at + ": " + (was == null ? "null" : "an array") + " -> "
                    + (now == null ? "null" : "an array");
        }
        if (was instanceof double[] x && now instanceof double[] y && x.length == y.length) {
            for (int i = 0; i < x.length; i++) {
                if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                    return at + "[" + i + "]: " + x[i] + " -> " + y[i];
                }
            }
            return null;
        }
        int n = Array.getLength(was);
        int m = Array.getLength(now);
        if (n != m) {
            return (at.isEmpty() ? "" : at + ": ") + "length " + n + " -> " + m;
        }
        boolean primitive = was.getClass().getComponentType().isPrimitive();
        for (int i = 0; i < n; i++) {
            Object a = Array.get(was, i);
            Object b = Array.get(now, i);
            if (!primitive) {
                String d = a != null && a.getClass().isArray() ? difference(a, b, at + "[" + i + "]")
                        : java.util.Objects.equals(a, b) ? null : at + "[" + i + "]: " + a + " -> " + b;
                if (d != null) {
                    return d;
                }
                continue;
            }
            if (!sameBits(a, b)) {
                return at + "[" + i + "]: " + a + " -> " + b;
            }
        }
        return null;
    }

    private static boolean sameBits(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        }
        if (a instanceof Float x && b instanceof Float y) {
            return Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
        }
        return a.equals(b);
    }

    /** The first value of a {@code double} or {@code float} array (any dimension) that is NaN or infinite. */
    static String nonFinite(Object a) {
        return nonFinite(a, "");
    }

    private static String nonFinite(Object a, String at) {
        if (a == null) {
            return null;
        }
        if (a instanceof double[] d) {
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    return at + "[" + i + "] = " + d[i];
                }
            }
            return null;
        }
        if (a instanceof float[] f) {
            for (int i = 0; i < f.length; i++) {
                if (!Float.isFinite(f[i])) {
                    return at + "[" + i + "] = " + f[i];
                }
            }
            return null;
        }
        if (a instanceof Object[] rows) {
            for (int i = 0; i < rows.length; i++) {
                String r = nonFinite(rows[i], at + "[" + i + "]");
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** A 64-bit hash of an array's bits (any dimension), for comparing large arrays between runs. */
    static long hash(Object a) {
        long h = 0xcbf29ce484222325L;
        if (a == null) {
            return h;
        }
        int n = Array.getLength(a);
        h = mix(h, n);
        if (a instanceof double[] d) {
            for (double v : d) {
                h = mix(h, Double.doubleToRawLongBits(v));
            }
            return h;
        }
        boolean primitive = a.getClass().getComponentType().isPrimitive();
        for (int i = 0; i < n; i++) {
            Object v = Array.get(a, i);
            if (!primitive) {
                h = mix(h, v != null && v.getClass().isArray() ? hash(v) : java.util.Objects.hashCode(v));
            } else if (v instanceof Double d) {
                h = mix(h, Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                h = mix(h, Float.floatToRawIntBits(f));
            } else if (v instanceof Boolean b) {
                h = mix(h, b ? 1 : 0);
            } else if (v instanceof Character c) {
                h = mix(h, c);
            } else {
                h = mix(h, ((Number) v).longValue());
            }
        }
        return h;
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }
}
