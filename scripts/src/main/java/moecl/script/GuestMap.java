package moecl.script;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyHashMap;
import org.graalvm.polyglot.proxy.ProxyIterator;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A string-keyed record handed to scripts: JavaScript reads it as an object ({@code r.F}, {@code Object.keys(r)}),
 * Python as a dict ({@code r["F"]}, {@code r.keys()}) and also by attribute ({@code r.F}). Values are already in
 * guest-friendly form ({@link Convert#toGuest}).
 */
final class GuestMap implements ProxyObject, ProxyHashMap {

    private final LinkedHashMap<String, Object> map;

    GuestMap(Map<String, ?> values) {
        this.map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, Convert.toGuest(v)));
    }

    /** The live entries (guest form). */
    Map<String, Object> entries() {
        return map;
    }

    @Override
    public Object getMember(String key) {
        if (key.equals("toString") && !map.containsKey(key)) {
            // JavaScript's String(r), print(r), `${r}` call it: {F: 0.1, G: 0.2} rather than [object Object]
            return (org.graalvm.polyglot.proxy.ProxyExecutable) args -> Convert.display(this);
        }
        return map.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return new ListProxy(new ArrayList<>(map.keySet()));
    }

    @Override
    public boolean hasMember(String key) {
        return map.containsKey(key) || key.equals("toString");
    }

    @Override
    public void putMember(String key, Value value) {
        map.put(key, value);
    }

    @Override
    public boolean removeMember(String key) {
        return map.remove(key) != null;
    }

    @Override
    public long getHashSize() {
        return map.size();
    }

    @Override
    public boolean hasHashEntry(Value key) {
        return key.isString() && map.containsKey(key.asString());
    }

    @Override
    public Object getHashValue(Value key) {
        return key.isString() ? map.get(key.asString()) : null;
    }

    @Override
    public void putHashEntry(Value key, Value value) {
        map.put(key.isString() ? key.asString() : key.toString(), value);
    }

    @Override
    public boolean removeHashEntry(Value key) {
        return key.isString() && map.remove(key.asString()) != null;
    }

    @Override
    public Object getHashEntriesIterator() {
        Iterator<Map.Entry<String, Object>> it = new ArrayList<>(map.entrySet()).iterator();
        return new ProxyIterator() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object getNext() {
                Map.Entry<String, Object> e = it.next();
                return ProxyArray.fromArray(e.getKey(), e.getValue());
            }
        };
    }

    @Override
    public String toString() {
        return Convert.display(this);
    }
}
