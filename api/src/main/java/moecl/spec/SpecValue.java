package moecl.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * A value written in the spec language: a number, a string, a boolean, a list, an integer range or a component
 * {@code name(key=value, ...)}. See {@link SpecParser} for the syntax.
 *
 * <p>Every value remembers the 1-based column where it started in the source text, so that later stages can point
 * at it in an error; values built in code have column 0. <b>The column is provenance, not content</b>: it takes no
 * part in {@code equals} and {@code hashCode}, so {@code parse("[1, 2]")} equals {@code parse("[1,2]")} and equals
 * the same list built with the factories. For the same reason a {@link Num} is compared by value and by whether it
 * was written as an integer, not by its text ({@code 0.5} equals {@code 0.50}).
 *
 * <p>{@link #toSpecText()} gives canonical text that parses back to an equal value; {@code toString()} returns the
 * same text.
 */
public sealed interface SpecValue {

    /** The 1-based column where this value starts in the parsed text, or 0 when it was built in code. */
    int column();

    /** Canonical spec text for this value; {@link SpecParser#parseValue(String)} of it gives an equal value. */
    String toSpecText();

    /** What kind of value this is, in words for error messages: "number", "string", "boolean", ... */
    String kind();

    /**
     * This value for a message that says what was given instead of what was wanted: {@code the name abc} for a bare
     * word (which the parser reads as a component without arguments), else the kind and the spec text ({@code list
     * [1, 2]}), the text cut for quoting.
     */
    default String given() {
        if (this instanceof Component c && c.args().isEmpty()) {
            return "the name " + Echo.of(c.name());
        }
        return kind() + " " + Echo.of(toSpecText());
    }

    // ---- factories (column 0) -----------------------------------------------------------------------------------

    /** A number that is not an integer literal; its text is the shortest decimal that round-trips. */
    static Num of(double value) {
        return Num.of(value);
    }

    /** An integer number. */
    static Num of(long value) {
        return Num.of(value);
    }

    /** A string value (not a component name: use {@link Component#of(String)} for that). */
    static Str of(String value) {
        return new Str(value, 0);
    }

    /** A boolean. */
    static Bool of(boolean value) {
        return new Bool(value, 0);
    }

    /** A list of the given items. */
    static ListValue list(SpecValue... items) {
        return new ListValue(List.of(items), 0);
    }

    /** A list of the given items. */
    static ListValue list(List<? extends SpecValue> items) {
        return new ListValue(List.copyOf(items), 0);
    }

    /** The inclusive integer range {@code from..to}. */
    static Range range(long from, long to) {
        return new Range(from, to, 0);
    }

    // ---- the values ---------------------------------------------------------------------------------------------

    /**
     * A number, kept both as the text it was written with and as a double.
     *
     * @param value the number
     * @param text how it is written: {@code -?digits(.digits)?([eE][+-]?digits)?}; it must parse to {@code value}
     * @param integral whether {@code text} is an integer literal (no '.' and no exponent); must agree with text
     * @param column 1-based source column, 0 when built in code
     */
    record Num(double value, String text, boolean integral, int column) implements SpecValue {

        private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

        public Num {
            Objects.requireNonNull(text, "text");
            if (!NUMBER.matcher(text).matches()) {
                throw new IllegalArgumentException("not a spec number: '" + text + "'");
            }
            if (!Double.isFinite(value) || Double.compare(Double.parseDouble(text), value) != 0) {
                throw new IllegalArgumentException("text '" + text + "' does not denote " + value);
            }
            if (integral != INTEGER.matcher(text).matches()) {
                throw new IllegalArgumentException("text '" + text + "' is " + (integral ? "not " : "")
                        + "an integer literal");
            }
        }

        /** An integer number, written in decimal. */
        public static Num of(long value) {
            return new Num(value, Long.toString(value), true, 0);
        }

        /**
         * A number that is not an integer literal: {@code 0.5}, {@code 2.0}, {@code 1.0e-5}. The text is the
         * shortest decimal that round-trips to the same double ({@link Double#toString(double)}, with a lower-case
         * exponent marker).
         *
         * @throws IllegalArgumentException for NaN and infinities, which the spec language cannot write
         */
        public static Num of(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a spec number must be finite, not " + value);
            }
            return new Num(value, Double.toString(value).replace('E', 'e'), false, 0);
        }

        /**
         * This number as a long.
         *
         * @throws ArithmeticException if it was not written as an integer or does not fit in a long
         */
        public long longValue() {
            if (!integral) {
                throw new ArithmeticException("'" + text + "' is not an integer");
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ArithmeticException("'" + text + "' does not fit in a long");
            }
        }

        @Override
        public String toSpecText() {
            return text;
        }

        @Override
        public String kind() {
            return integral ? "integer" : "number";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && Double.compare(value, n.value) == 0 && integral == n.integral;
        }

        @Override
        public int hashCode() {
            return Double.hashCode(value) * 31 + Boolean.hashCode(integral);
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }

    /**
     * A string, written in double or single quotes. The canonical text uses double quotes and the escapes
     * {@code \" \\ \n \t}.
     */
    record Str(String value, int column) implements SpecValue {

        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toSpecText() {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            return out.append('"').toString();
        }

        @Override
        public String kind() {
            return "string";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && value.equals(s.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, int column) implements SpecValue {

        @Override
        public String toSpecText() {
            return Boolean.toString(value);
        }

        @Override
        public String kind() {
            return "boolean";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bool b && value == b.value;
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(value);
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }

    /** {@code [v, v, ...]}, possibly empty, items of any kind (lists may nest). The items list is unmodifiable. */
    record ListValue(List<SpecValue> items, int column) implements SpecValue {

        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String toSpecText() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(items.get(i).toSpecText());
            }
            return out.append(']').toString();
        }

        @Override
        public String kind() {
            return "list";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ListValue l && items.equals(l.items);
        }

        @Override
        public int hashCode() {
            return items.hashCode();
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }

    /** The inclusive integer range {@code from..to}, as in {@code --seeds 1..20}; {@code from <= to}. */
    record Range(long from, long to, int column) implements SpecValue {

        public Range {
            if (from > to) {
                throw new IllegalArgumentException("empty range " + from + ".." + to);
            }
        }

        /** How many integers the range holds. */
        public long size() {
            return to - from + 1;
        }

        /** The integers {@code from, from + 1, ..., to}. */
        public LongStream stream() {
            return LongStream.rangeClosed(from, to);
        }

        @Override
        public String toSpecText() {
            return from + ".." + to;
        }

        @Override
        public String kind() {
            return "range";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Range r && from == r.from && to == r.to;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(from) * 31 + Long.hashCode(to);
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }

    /**
     * A component: a name with named arguments, {@code paper(eta=0.5, stop=never)}. A bare name ({@code never})
     * and empty parentheses ({@code never()}) are both a component with no arguments; the canonical text of one
     * is the bare name.
     *
     * <p>{@code args} keeps the order in which the arguments were written and is unmodifiable. Equality compares
     * names and argument maps ({@link Map#equals}), so the order of arguments does not matter for equality.
     *
     * @param name an identifier ({@link SpecParser#isName(String)}), not {@code true} or {@code false}
     * @param args the arguments by parameter name, in written order; keys are identifiers
     * @param column 1-based source column of the name, 0 when built in code
     */
    record Component(String name, SequencedMap<String, SpecValue> args, int column) implements SpecValue {

        public Component {
            Objects.requireNonNull(name, "name");
            if (!SpecParser.isName(name) || name.equals("true") || name.equals("false")) {
                throw new IllegalArgumentException("not a component name: '" + name + "'");
            }
            LinkedHashMap<String, SpecValue> copy = new LinkedHashMap<>();
            args.forEach((key, value) -> {
                if (!SpecParser.isName(key)) {
                    throw new IllegalArgumentException("not a parameter name: '" + key + "'");
                }
                copy.put(key, Objects.requireNonNull(value, key));
            });
            args = Collections.unmodifiableSequencedMap(copy);
        }

        /** A component with no arguments. */
        public static Component of(String name) {
            return new Component(name, new LinkedHashMap<>(), 0);
        }

        /**
         * A component with the given arguments, in the map's iteration order (pass a {@link LinkedHashMap} or a
         * {@link SequencedMap} to control the order of the canonical text).
         */
        public static Component of(String name, Map<String, ? extends SpecValue> args) {
            return new Component(name, new LinkedHashMap<>(args), 0);
        }

        /** The argument given for {@code key}, if any. */
        public Optional<SpecValue> arg(String key) {
            return Optional.ofNullable(args.get(key));
        }

        /** A copy with {@code key} set to {@code value}: replaced in place if present, else appended. */
        public Component with(String key, SpecValue value) {
            LinkedHashMap<String, SpecValue> copy = new LinkedHashMap<>(args);
            copy.put(key, value);
            return new Component(name, copy, column);
        }

        @Override
        public String toSpecText() {
            if (args.isEmpty()) {
                return name;
            }
            StringBuilder out = new StringBuilder(name).append('(');
            String separator = "";
            for (Map.Entry<String, SpecValue> arg : args.entrySet()) {
                out.append(separator).append(arg.getKey()).append('=').append(arg.getValue().toSpecText());
                separator = ", ";
            }
            return out.append(')').toString();
        }

        @Override
        public String kind() {
            return "component";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Component c && name.equals(c.name) && args.equals(c.args);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + args.hashCode();
        }

        @Override
        public String toString() {
            return toSpecText();
        }
    }
}
