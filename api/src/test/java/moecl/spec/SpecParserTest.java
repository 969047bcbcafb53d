package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import moecl.spec.SpecValue.Bool;
import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.spec.SpecValue.Str;

class SpecParserTest {

    @Test
    void parsesTheExampleFromTheArchitectureDoc() {
        Component paper = SpecParser.parseComponent(
                "paper(eta=0.5, lambda=0.3, stop=threshold(gamma=0.318, minRounds=95))");
        assertEquals("paper", paper.name());
        assertEquals(List.of("eta", "lambda", "stop"), List.copyOf(paper.args().keySet()));
        assertEquals(new Num(0.5, "0.5", false, 11), paper.args().get("eta"));
        Component stop = assertInstanceOf(Component.class, paper.args().get("stop"));
        assertEquals("threshold", stop.name());
        assertEquals(33, stop.column());
        Num minRounds = assertInstanceOf(Num.class, stop.args().get("minRounds"));
        assertTrue(minRounds.integral());
        assertEquals(95, minRounds.longValue());
        assertEquals(66, minRounds.column());
        assertEquals("paper(eta=0.5, lambda=0.3, stop=threshold(gamma=0.318, minRounds=95))", paper.toSpecText());
    }

    @Test
    void bareNameAndEmptyParenthesesAreTheSameComponent() {
        Component bare = SpecParser.parseComponent("clusters");
        Component empty = SpecParser.parseComponent("clusters()");
        assertEquals(bare, empty);
        assertTrue(bare.args().isEmpty());
        assertEquals("clusters", empty.toSpecText());
        assertEquals(Component.of("clusters"), bare);
    }

    @Test
    void bareNamesAsValuesAreComponents() {
        Component c = SpecParser.parseComponent("paper(stop=never, softmax=noisy, rng=numpy-legacy)");
        assertEquals(Component.of("never"), c.args().get("stop"));
        assertEquals(Component.of("noisy"), c.args().get("softmax"));
        assertEquals(Component.of("numpy-legacy"), c.args().get("rng"));
    }

    @Test
    void argumentsKeepTheirWrittenOrder() {
        Component c = SpecParser.parseComponent("z(b=1, a=2, c=3, aa=4)");
        assertEquals(List.of("b", "a", "c", "aa"), List.copyOf(c.args().keySet()));
        assertEquals("b", c.args().firstEntry().getKey());
        assertEquals("aa", c.args().lastEntry().getKey());
        assertThrows(UnsupportedOperationException.class, () -> c.args().put("d", SpecValue.of(1L)));
    }

    @Test
    void integers() {
        Num n = (Num) SpecParser.parseValue("42");
        assertEquals(42.0, n.value());
        assertEquals("42", n.text());
        assertTrue(n.integral());
        assertEquals(1, n.column());
        assertEquals(42L, n.longValue());
        assertEquals("integer", n.kind());
    }

    @Test
    void decimalsKeepTheirText() {
        Num n = (Num) SpecParser.parseValue("0.50");
        assertEquals(0.5, n.value());
        assertEquals("0.50", n.text());
        assertFalse(n.integral());
        assertEquals("0.50", n.toSpecText());
        assertEquals("number", n.kind());
        assertThrows(ArithmeticException.class, n::longValue);
    }

    @Test
    void negativeNumbersAndExponents() {
        assertNum("-1.5e-3", -1.5e-3, false);
        assertNum("-7", -7, true);
        assertNum("1E5", 1e5, false);
        assertNum("1e+3", 1000, false);
        assertNum("2.5E-10", 2.5e-10, false);
        assertNum("-0", -0.0, true);
        assertNum("007", 7, true);
    }

    private static void assertNum(String text, double value, boolean integral) {
        Num n = assertInstanceOf(Num.class, SpecParser.parseValue(text));
        assertEquals(value, n.value(), text);
        assertEquals(text, n.text());
        assertEquals(integral, n.integral(), text);
    }

    @Test
    void minusBeforeADigitIsANumberEvenAfterEquals() {
        Component c = SpecParser.parseComponent("f(x=-1,y=-2.5,z=a-1)");
        assertEquals(SpecValue.of(-1L), c.args().get("x"));
        assertEquals(SpecValue.of(-2.5), c.args().get("y"));
        assertEquals(Component.of("a-1"), c.args().get("z"));
    }

    @Test
    void integersTooLargeForALongAreStillIntegral() {
        Num n = (Num) SpecParser.parseValue("99999999999999999999");
        assertTrue(n.integral());
        assertEquals(1e20, n.value());
        assertThrows(ArithmeticException.class, n::longValue);
    }

    @Test
    void strings() {
        assertEquals(new Str("a string", 1), SpecParser.parseValue("\"a string\""));
        assertEquals(new Str("a string", 1), SpecParser.parseValue("'a string'"));
        assertEquals(SpecValue.of(""), SpecParser.parseValue("''"));
        assertEquals(SpecValue.of("it's"), SpecParser.parseValue("\"it's\""));
        assertEquals(SpecValue.of("say \"hi\""), SpecParser.parseValue("'say \"hi\"'"));
        assertEquals(SpecValue.of("(not, [a] component=)"), SpecParser.parseValue("'(not, [a] component=)'"));
        assertEquals(SpecValue.of("η → ∞"), SpecParser.parseValue("'η → ∞'"));
    }

    @Test
    void stringEscapes() {
        Str s = (Str) SpecParser.parseValue("\"q\\\" a\\' b\\\\ n\\n t\\t\"");
        assertEquals("q\" a' b\\ n\n t\t", s.value());
        assertEquals(SpecValue.of("it's"), SpecParser.parseValue("'it\\'s'"));
        assertEquals("\"q\\\" a' b\\\\ n\\n t\\t\"", s.toSpecText());
    }

    @Test
    void rawLineBreaksInsideStringsAreKept() {
        assertEquals(SpecValue.of("two\nlines"), SpecParser.parseValue("'two\nlines'"));
    }

    @Test
    void booleans() {
        assertEquals(new Bool(true, 1), SpecParser.parseValue("true"));
        assertEquals(new Bool(false, 1), SpecParser.parseValue("false"));
        Component c = SpecParser.parseComponent("f(a=true, b=false, true_ish=True)");
        assertEquals(SpecValue.of(true), c.args().get("a"));
        assertEquals(SpecValue.of(false), c.args().get("b"));
        assertEquals(Component.of("True"), c.args().get("true_ish"), "only lower-case true is a boolean");
    }

    @Test
    void lists() {
        ListValue l = (ListValue) SpecParser.parseValue("[1, 5, 10, 20]");
        assertEquals(List.of(SpecValue.of(1L), SpecValue.of(5L), SpecValue.of(10L), SpecValue.of(20L)), l.items());
        assertEquals(List.of(2, 5, 8, 12), l.items().stream().map(SpecValue::column).toList());
        assertEquals(SpecValue.list(), SpecParser.parseValue("[]"));
        assertEquals(SpecValue.list(), SpecParser.parseValue("[ ]"));
        assertEquals(SpecValue.list(SpecValue.list(), SpecValue.list(SpecValue.list(SpecValue.of(1L)))),
                SpecParser.parseValue("[[], [[1]]]"));
        assertEquals(SpecValue.list(SpecValue.of(1L), SpecValue.of("two"), SpecValue.of(true),
                        Component.of("three"), SpecValue.of(4.5)),
                SpecParser.parseValue("[1, 'two', true, three, 4.5]"));
    }

    @Test
    void listsOfComponents() {
        ListValue l = (ListValue) SpecParser.parseValue(
                "[paper(eta=0.5), random, top1(noise=gaussian(sigma=0.1)), clusters()]");
        assertEquals(4, l.items().size());
        Component third = (Component) l.items().get(2);
        assertEquals("top1", third.name());
        assertEquals(SpecParser.parseValue("gaussian(sigma=0.1)"), third.args().get("noise"));
        assertEquals(Component.of("clusters"), l.items().get(3));
        assertEquals("[paper(eta=0.5), random, top1(noise=gaussian(sigma=0.1)), clusters]", l.toSpecText());
    }

    @Test
    void componentArgumentsMayBeLists() {
        Component c = SpecParser.parseComponent("sweep(M=[1, 5, 10], routers=[paper, random(p=0.5)])");
        assertEquals(SpecParser.parseValue("[1,5,10]"), c.args().get("M"));
        assertEquals(SpecValue.list(Component.of("paper"),
                Component.of("random", Map.of("p", SpecValue.of(0.5)))), c.args().get("routers"));
    }

    @Test
    void ranges() {
        assertEquals(new Range(1, 20, 1), SpecParser.parseValue("1..20"));
        assertEquals(SpecValue.range(-5, 5), SpecParser.parseValue("-5..5"));
        assertEquals(SpecValue.range(-9, -3), SpecParser.parseValue("-9..-3"));
        assertEquals(SpecValue.range(1, 3), SpecParser.parseValue(" 1 .. 3 "));
        assertEquals(SpecValue.range(3, 3), SpecParser.parseValue("3..3"));
        Range r = (Range) SpecParser.parseValue("1..20");
        assertEquals(20, r.size());
        assertEquals(210, r.stream().sum());
        assertEquals("range", r.kind());
        assertEquals("1..20", r.toSpecText());
    }

    @Test
    void rangesInListsAndArguments() {
        assertEquals(SpecValue.list(SpecValue.range(1, 5), SpecValue.of(10L), SpecValue.range(20, 30)),
                SpecParser.parseValue("[1..5, 10, 20..30]"));
        Component c = SpecParser.parseComponent("run(seeds=1..20)");
        assertEquals(SpecValue.range(1, 20), c.args().get("seeds"));
        assertEquals(11, c.args().get("seeds").column());
    }

    @Test
    void dottedNamesAreNames() {
        assertEquals(Component.of("moecl.paper.Router"), SpecParser.parseValue("moecl.paper.Router"));
        assertEquals(Component.of("a..b"), SpecParser.parseValue("a..b"), "'..' only makes a range after a number");
    }

    @Test
    void whitespaceAnywhereBetweenTokens() {
        SpecValue spaced = SpecParser.parseValue(
                "  paper (\n\teta = 0.5 ,\r\n  stop=threshold ( gamma = 0.318 ) , seeds = [ 1 , 2 ] , r = 1 .. 3 )  ");
        assertEquals(SpecParser.parseValue("paper(eta=0.5,stop=threshold(gamma=0.318),seeds=[1,2],r=1..3)"), spaced);
        assertEquals(3, spaced.column());
    }

    @Test
    void columnsAreOneBasedSourcePositions() {
        Component c = SpecParser.parseComponent("a(x='s', y=[true, 2..3], z=b)");
        assertEquals(1, c.column());
        assertEquals(5, c.args().get("x").column());
        ListValue y = (ListValue) c.args().get("y");
        assertEquals(12, y.column());
        assertEquals(13, y.items().get(0).column());
        assertEquals(19, y.items().get(1).column());
        assertEquals(28, c.args().get("z").column());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "paper(eta=0.5, lambda=0.3, stop=threshold(gamma=0.318, minRounds=95))",
        "clusters",
        "[1, 5, 10, 20]",
        "[]",
        "[[], [1, [2, [3]]]]",
        "\"a string\"",
        "\"q\\\" a' b\\\\ n\\n t\\t\"",
        "\"\"",
        "true",
        "false",
        "-1.5e-3",
        "1.0e10",
        "0.50",
        "-0",
        "1..20",
        "-5..-1",
        "[1..5, 7]",
        "f(a=[g(b=1..2, c=\"x\"), h], d=-3, e=numpy-legacy, f=true)",
        "paper(stop=never, softmax=noisy)",
    })
    void canonicalTextRoundTripsExactly(String canonical) {
        SpecValue value = SpecParser.parseValue(canonical);
        assertEquals(canonical, value.toSpecText());
        assertEquals(value, SpecParser.parseValue(value.toSpecText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "  paper( eta = 0.5 )",
        "clusters()",
        "'single'",
        "'it\\'s'",
        "[ 1 ,2 ]",
        " 1 .. 2",
        "x(y=z())",
    })
    void nonCanonicalTextRoundTripsToAnEqualValue(String text) {
        SpecValue value = SpecParser.parseValue(text);
        String canonical = value.toSpecText();
        assertEquals(value, SpecParser.parseValue(canonical));
        assertEquals(canonical, SpecParser.parseValue(canonical).toSpecText());
    }

    @Test
    void canonicalTextOfSomeNonCanonicalInputs() {
        assertEquals("paper(eta=0.5)", SpecParser.parseValue("  paper( eta = 0.5 )").toSpecText());
        assertEquals("clusters", SpecParser.parseValue("clusters()").toSpecText());
        assertEquals("\"it's\"", SpecParser.parseValue("'it\\'s'").toSpecText());
        assertEquals("[1, 2]", SpecParser.parseValue("[ 1 ,2 ]").toSpecText());
        assertEquals("x(y=z)", SpecParser.parseValue("x(y=z())").toSpecText());
    }

    @Test
    void parseComponentAcceptsBareNamesAndFullComponents() {
        assertEquals(Component.of("random"), SpecParser.parseComponent("random"));
        assertEquals(Component.of("random"), SpecParser.parseComponent("  random ( ) "));
        Component c = SpecParser.parseComponent("paper(eta=0.5)");
        assertEquals(SpecValue.of(0.5), c.arg("eta").orElseThrow());
        assertTrue(c.arg("lambda").isEmpty());
    }

    @Test
    void assignmentsSeparatedBySpaces() {
        List<Map.Entry<String, SpecValue>> set = SpecParser.parseAssignments("M=5 router=paper(eta=0.5)");
        assertEquals(List.of(Map.entry("M", SpecValue.of(5L)),
                Map.entry("router", (SpecValue) SpecParser.parseComponent("paper(eta=0.5)"))), set);
        assertEquals(3, set.get(0).getValue().column());
        assertEquals(12, set.get(1).getValue().column());
    }

    @Test
    void assignmentsSeparatedByCommasOrBoth() {
        List<Map.Entry<String, SpecValue>> expected = List.of(
                Map.entry("M", SpecValue.of(5L)),
                Map.entry("T", SpecValue.of(2000L)),
                Map.entry("s", SpecValue.of("x")));
        assertEquals(expected, SpecParser.parseAssignments("M=5, T=2000, s='x'"));
        assertEquals(expected, SpecParser.parseAssignments("M=5,T=2000 s='x'"));
        assertEquals(expected, SpecParser.parseAssignments(" M = 5   T=2000 ,s = \"x\" "));
    }

    @Test
    void assignmentsAllowDottedKeysAndEveryKindOfValue() {
        List<Map.Entry<String, SpecValue>> set =
                SpecParser.parseAssignments("stop.gamma=0.3 seeds=1..20 Ms=[1,5] plot=true stream=numpy-legacy");
        assertEquals(List.of("stop.gamma", "seeds", "Ms", "plot", "stream"),
                set.stream().map(Map.Entry::getKey).toList());
        assertEquals(SpecValue.range(1, 20), set.get(1).getValue());
        assertEquals(Component.of("numpy-legacy"), set.get(4).getValue());
        assertThrows(UnsupportedOperationException.class, () -> set.add(Map.entry("x", SpecValue.of(1L))));
    }

    @Test
    void isName() {
        assertTrue(SpecParser.isName("paper"));
        assertTrue(SpecParser.isName("_x"));
        assertTrue(SpecParser.isName("numpy-legacy"));
        assertTrue(SpecParser.isName("stop.gamma"));
        assertTrue(SpecParser.isName("M2"));
        assertFalse(SpecParser.isName(""));
        assertFalse(SpecParser.isName("2M"));
        assertFalse(SpecParser.isName("-x"));
        assertFalse(SpecParser.isName("a b"));
        assertFalse(SpecParser.isName("a=b"));
    }

    @Test
    void buildsEqualValuesToTheFactories() {
        LinkedHashMap<String, SpecValue> args = new LinkedHashMap<>();
        args.put("eta", SpecValue.of(0.5));
        args.put("M", SpecValue.of(5L));
        args.put("tags", SpecValue.list(SpecValue.of("a"), SpecValue.of(true)));
        args.put("seeds", SpecValue.range(1, 3));
        args.put("stop", Component.of("never"));
        Component built = Component.of("paper", args);
        Component parsed = SpecParser.parseComponent(
                "paper(eta=0.5, M=5, tags=['a', true], seeds=1..3, stop=never)");
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals("paper(eta=0.5, M=5, tags=[\"a\", true], seeds=1..3, stop=never)", built.toSpecText());
    }
}
