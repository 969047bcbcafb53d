package moecl.script;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** A read-only array of doubles (optionally presented as integers) without boxing the whole array up front. */
final class DoubleArray implements ProxyArray {
    final double[] values;
    final boolean integers;

    DoubleArray(double[] values) {
        this(values, false);
    }

    DoubleArray(double[] values, boolean integers) {
        this.values = values;
        this.integers = integers;
    }

    @Override
    public Object get(long index) {
        if (index < 0 || index >= values.length) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " outside 0.." + (values.length - 1));
        }
        double x = values[(int) index];
        return integers ? (Object) (int) x : (Object) x;
    }

    @Override
    public void set(long index, Value value) {
        throw new UnsupportedOperationException("moecl result arrays are read-only; copy them first");
    }

    @Override
    public long getSize() {
        return values.length;
    }

    @Override
    public String toString() {
        return Convert.display(this);
    }
}
