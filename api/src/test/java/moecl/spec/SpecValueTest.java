package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.spec.SpecValue.Str;

class SpecValueTest {

    @Test
    void numberFactoriesUseCanonicalText() {
        assertEquals("0.5", SpecValue.of(0.5).toSpecText());
        assertEquals("2.0", SpecValue.of(2.0).toSpecText());
        assertEquals("1.0e-5", SpecValue.of(1e-5).toSpecText());
        assertEquals("1.0e10", SpecValue.of(1e10).toSpecText());
        assertEquals("-0.318", SpecValue.of(-0.318).toSpecText());
        assertEquals("0.1", SpecValue.of(0.1).toSpecText());
        assertEquals("5", SpecValue.of(5L).toSpecText());
        assertEquals("-9223372036854775808", SpecValue.of(Long.MIN_VALUE).toSpecText());
        assertFalse(SpecValue.of(2.0).integral());
        assertTrue(SpecValue.of(2L).integral());
        assertEquals(0, SpecValue.of(0.5).column());
    }

    @Test
    void programmaticNumbersRoundTripExactly() {
        SplittableRandom random = new SplittableRandom(20250101);
        for (int i = 0; i < 10_000; i++) {
            double x = switch (i % 3) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-300, 300));
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(x)) {
                continue;
            }
            Num n = SpecValue.of(x);
            Num back = (Num) SpecParser.parseValue(n.toSpecText());
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(back.value()), n.toSpecText());
            assertEquals(n, back);
        }
        for (long v : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            Num back = (Num) SpecParser.parseValue(SpecValue.of(v).toSpecText());
            assertEquals(v, back.longValue());
            assertEquals(SpecValue.of(v), back);
        }
    }

    @Test
    void nonFiniteNumbersCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> SpecValue.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SpecValue.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void numberRecordChecksItsInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new Num(0.5, "abc", false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Num(0.5, "0.25", false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Num(5, "5", false, 0));
        assertThrows(IllegalArgumentException.class, () -> new Num(5, "5.0", true, 0));
        assertThrows(IllegalArgumentException.class, () -> new Num(5, "+5", true, 0));
        assertEquals(new Num(5, "5.0", false, 3), SpecValue.of(5.0));
    }

    @Test
    void numbersAreEqualByValueAndIntegrality() {
        assertEquals(SpecParser.parseValue("0.5"), SpecParser.parseValue("0.50"));
        assertEquals(SpecParser.parseValue("1e3"), SpecParser.parseValue("1000.0"));
        assertNotEquals(SpecParser.parseValue("1000"), SpecParser.parseValue("1000.0"));
        assertEquals(SpecParser.parseValue("0.50").hashCode(), SpecParser.parseValue("0.5").hashCode());
        assertEquals("0.50", SpecParser.parseValue("0.50").toSpecText(), "the original text is kept");
    }

    @Test
    void columnsTakeNoPartInEquality() {
        SpecValue a = SpecParser.parseValue("[1, 'x', true, 1..2, f(a=b)]");
        SpecValue b = SpecParser.parseValue("   [1,'x',true,1..2,f(a=b)]");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(((ListValue) a).items().get(1).column(), ((ListValue) b).items().get(1).column());
    }

    @Test
    void componentEqualityIgnoresArgumentOrderButTextKeepsIt() {
        Component ab = SpecParser.parseComponent("f(a=1, b=2)");
        Component ba = SpecParser.parseComponent("f(b=2, a=1)");
        assertEquals(ab, ba);
        assertEquals("f(a=1, b=2)", ab.toSpecText());
        assertEquals("f(b=2, a=1)", ba.toSpecText());
        assertNotEquals(ab, SpecParser.parseComponent("g(a=1, b=2)"));
        assertNotEquals(ab, SpecParser.parseComponent("f(a=1)"));
    }

    @Test
    void valuesOfDifferentKindsAreNotEqual() {
        assertNotEquals(SpecValue.of("paper"), Component.of("paper"));
        assertNotEquals(SpecValue.of("true"), SpecValue.of(true));
        assertNotEquals(SpecValue.of("5"), SpecValue.of(5L));
        assertNotEquals(SpecValue.list(SpecValue.of(1L), SpecValue.of(2L)), SpecValue.range(1, 2));
    }

    @Test
    void stringsEscapeOnlyWhatTheyMust() {
        assertEquals("\"plain\"", SpecValue.of("plain").toSpecText());
        assertEquals("\"it's\"", SpecValue.of("it's").toSpecText());
        assertEquals("\"a\\\"b\\\\c\\nd\\te\"", SpecValue.of("a\"b\\c\nd\te").toSpecText());
        for (String s : List.of("", "\\", "\"", "'", "\\n", "\r\n", "η = 0.5", "a\\\"b", "tab\there")) {
            Str back = (Str) SpecParser.parseValue(SpecValue.of(s).toSpecText());
            assertEquals(s, back.value());
        }
    }

    @Test
    void toStringIsTheSpecText() {
        SpecValue v = SpecParser.parseValue("f(a=[1, 'x'], b=1..3, c=true)");
        assertEquals("f(a=[1, \"x\"], b=1..3, c=true)", v.toString());
    }

    @Test
    void kinds() {
        assertEquals("integer", SpecValue.of(1L).kind());
        assertEquals("number", SpecValue.of(1.5).kind());
        assertEquals("string", SpecValue.of("s").kind());
        assertEquals("boolean", SpecValue.of(true).kind());
        assertEquals("list", SpecValue.list().kind());
        assertEquals("range", SpecValue.range(1, 2).kind());
        assertEquals("component", Component.of("c").kind());
    }

    @Test
    void listsAreImmutableCopies() {
        List<SpecValue> items = new ArrayList<>(List.of(SpecValue.of(1L)));
        ListValue l = SpecValue.list(items);
        items.add(SpecValue.of(2L));
        assertEquals(1, l.items().size());
        assertThrows(UnsupportedOperationException.class, () -> l.items().add(SpecValue.of(3L)));
        assertThrows(NullPointerException.class, () -> SpecValue.list((SpecValue) null));
    }

    @Test
    void rangesMustNotBeEmpty() {
        assertThrows(IllegalArgumentException.class, () -> SpecValue.range(2, 1));
        Range r = SpecValue.range(-2, 2);
        assertEquals(5, r.size());
        assertEquals(List.of(-2L, -1L, 0L, 1L, 2L), r.stream().boxed().toList());
    }

    @Test
    void componentsValidateNamesAndCopyArguments() {
        assertThrows(IllegalArgumentException.class, () -> Component.of("2fast"));
        assertThrows(IllegalArgumentException.class, () -> Component.of("true"));
        assertThrows(IllegalArgumentException.class, () -> Component.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> Component.of("f", Map.of("not a name", SpecValue.of(1L))));
        LinkedHashMap<String, SpecValue> args = new LinkedHashMap<>();
        args.put("x", SpecValue.of(1L));
        Component c = Component.of("f", args);
        args.put("y", SpecValue.of(2L));
        assertEquals("f(x=1)", c.toSpecText());
    }

    @Test
    void withReplacesInPlaceOrAppends() {
        Component c = SpecParser.parseComponent("paper(eta=0.5, lambda=0.3)");
        assertEquals("paper(eta=0.1, lambda=0.3)", c.with("eta", SpecValue.of(0.1)).toSpecText());
        assertEquals("paper(eta=0.5, lambda=0.3, stop=never)", c.with("stop", Component.of("never")).toSpecText());
        assertEquals("paper(eta=0.5, lambda=0.3)", c.toSpecText(), "the original is unchanged");
        assertEquals(c.column(), c.with("eta", SpecValue.of(0.1)).column());
    }

    @Test
    void patternMatchingOverTheSealedHierarchy() {
        List<String> described = SpecParser.parseAssignments("a=1 b=1.5 c='s' d=true e=[] f=1..2 g=h")
                .stream().map(Map.Entry::getValue).map(SpecValueTest::describe).toList();
        assertEquals(List.of("int 1", "double 1.5", "str s", "bool true", "list 0", "range 2", "component h"),
                described);
    }

    private static String describe(SpecValue value) {
        return switch (value) {
            case Num n when n.integral() -> "int " + n.longValue();
            case Num n -> "double " + n.value();
            case Str s -> "str " + s.value();
            case SpecValue.Bool b -> "bool " + b.value();
            case ListValue l -> "list " + l.items().size();
            case Range r -> "range " + r.size();
            case Component c -> "component " + c.name();
        };
    }
}
