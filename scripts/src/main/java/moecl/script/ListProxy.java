package moecl.script;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** A list handed to scripts (read and write, as ProxyArray.fromList) that prints as {@code [1, 2, 3]}. */
final class ListProxy implements ProxyArray {
    final List<Object> values;

    ListProxy(List<?> values) {
        @SuppressWarnings("unchecked")
        List<Object> l = values instanceof ArrayList<?> ? (List<Object>) values : new ArrayList<>(values);
        this.values = l;
    }

    @Override
    public Object get(long index) {
        if (index < 0 || index >= values.size()) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " outside 0.." + (values.size() - 1));
        }
        return values.get((int) index);
    }

    @Override
    public void set(long index, Value value) {
        if (index < 0 || index >= values.size()) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " outside 0.." + (values.size() - 1));
        }
        values.set((int) index, value);
    }

    @Override
    public boolean remove(long index) {
        if (index < 0 || index >= values.size()) {
            return false;
        }
        values.remove((int) index);
        return true;
    }

    @Override
    public long getSize() {
        return values.size();
    }

    @Override
    public String toString() {
        return Convert.display(values);
    }
}
