package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every syntax error: the exact one-line message and the column it points at. */
class SpecErrorTest {

    private static final String POSITIONAL =
            "; arguments are written name=value, there are no positional arguments";

    static Stream<Arguments> valueErrors() {
        return Stream.of(
                // empty input
                Arguments.of("", 1, "empty input; expected a value"),
                Arguments.of("   ", 1, "empty input; expected a value"),
                // the example from the brief
                Arguments.of("paper(eta=0.5=1)", 14, "expected ')' or ',' after argument 'eta' but found '='"),
                Arguments.of("a(x=1 y=2)", 7, "expected ')' or ',' after argument 'x' but found 'y'"),
                // unclosed parentheses and brackets: say which, and where it was opened
                Arguments.of("paper(eta=0.5", 14,
                        "'(' opened at column 6 is never closed; expected ')' or ',' after argument 'eta'"),
                Arguments.of("paper(", 7, "'(' opened at column 6 is never closed; expected parameter name after '('"),
                Arguments.of("paper(eta=1,", 13,
                        "'(' opened at column 6 is never closed; expected parameter name after ','"),
                Arguments.of("a(x=b(y=1)", 11,
                        "'(' opened at column 2 is never closed; expected ')' or ',' after argument 'x'"),
                Arguments.of("[1, 2", 6,
                        "'[' opened at column 1 is never closed; expected ']' or ',' after list item 2"),
                Arguments.of("[", 2, "'[' opened at column 1 is never closed; expected a value or ']' after '['"),
                Arguments.of("[1,", 4, "'[' opened at column 1 is never closed; expected a value after ','"),
                Arguments.of("a(x=[1, [2]", 12,
                        "'[' opened at column 5 is never closed; expected ']' or ',' after list item 2"),
                // list syntax
                Arguments.of("[1 2]", 4, "expected ']' or ',' after list item 1 but found '2'"),
                Arguments.of("[1,]", 4, "expected a value after ',' but found ']'"),
                Arguments.of("[,]", 2, "expected a value or ']' after '[' but found ','"),
                Arguments.of("[1=2]", 3, "expected ']' or ',' after list item 1 but found '='"),
                // unclosed strings and escapes
                Arguments.of("\"abc", 5, "string opened at column 1 is never closed; expected a closing \""),
                Arguments.of("a(s='it)", 9, "string opened at column 5 is never closed; expected a closing '"),
                Arguments.of("\"abc\\", 6, "string opened at column 1 is never closed; expected a closing \""),
                Arguments.of("\"a\\qb\"", 3, "unknown escape '\\q' in string; the escapes are \\\" \\' \\\\ \\n \\t"),
                // trailing garbage and unmatched closers
                Arguments.of("paper(eta=1) x", 14, "expected end of input after the value but found 'x'"),
                Arguments.of("1 2", 3, "expected end of input after the value but found '2'"),
                Arguments.of("paper(eta=1))", 13, "unmatched ')'"),
                Arguments.of("[1]]", 4, "unmatched ']'"),
                Arguments.of("1..2..3", 5, "expected end of input after the value but found '..'"),
                // missing value after '='
                Arguments.of("paper(eta=)", 11, "missing value for 'eta': expected a value after '=' but found ')'"),
                Arguments.of("paper(eta=, lambda=1)", 11,
                        "missing value for 'eta': expected a value after '=' but found ','"),
                Arguments.of("paper(eta=", 11,
                        "missing value for 'eta': expected a value after '=' but found end of input"),
                Arguments.of("paper(eta==1)", 11, "missing value for 'eta': expected a value after '=' but found '='"),
                // bad numbers
                Arguments.of("1.2.3", 1, "bad number '1.2.3': a number has at most one '.'"),
                Arguments.of("a(x=1.2.3)", 5, "bad number '1.2.3': a number has at most one '.'"),
                Arguments.of("5.", 1, "bad number '5.': expected a digit after '.'"),
                Arguments.of("[5.]", 2, "bad number '5.': expected a digit after '.'"),
                Arguments.of("1e", 1, "bad number '1e': expected digits in the exponent"),
                Arguments.of("-2.5e+", 1, "bad number '-2.5e+': expected digits in the exponent"),
                Arguments.of("5abc", 1, "bad number '5abc'"),
                Arguments.of("5-3", 1, "bad number '5-3'"),
                Arguments.of(".5", 1, "bad number '.5': write '0.5'"),
                Arguments.of("a(x=-.5)", 5, "bad number '-.5': write '-0.5'"),
                Arguments.of("-x", 1, "expected a digit after '-' but found 'x'"),
                Arguments.of("- 1", 1, "expected a digit after '-' but found whitespace"),
                Arguments.of("-", 1, "expected a digit after '-' but found end of input"),
                Arguments.of("1e999", 1, "number '1e999' is too large"),
                // unknown characters
                Arguments.of("paper(eta=0.5; x=1)", 14, "unexpected character ';'"),
                Arguments.of("a(x=η)", 5, "unexpected character 'η' (U+03B7)"),
                Arguments.of("a\u0007", 2, "unexpected character U+0007"),
                Arguments.of("a(x=+1)", 5, "unexpected character '+'"),
                Arguments.of(".", 1, "unexpected character '.'"),
                Arguments.of("{}", 1, "unexpected character '{'"),
                // positional arguments and missing '='
                Arguments.of("paper(0.5)", 7, "expected parameter name before '0.5'" + POSITIONAL),
                Arguments.of("paper(eta=1, \"x\")", 14, "expected parameter name before '\"x\"'" + POSITIONAL),
                Arguments.of("paper([1])", 7, "expected parameter name before '['" + POSITIONAL),
                Arguments.of("paper(true)", 7, "expected parameter name before 'true'" + POSITIONAL),
                Arguments.of("paper(eta)", 10, "expected '=' after parameter name 'eta' but found ')'"),
                Arguments.of("paper(eta 1)", 11, "expected '=' after parameter name 'eta' but found '1'"),
                Arguments.of("paper(stop=never, clusters)", 27,
                        "expected '=' after parameter name 'clusters' but found ')'"),
                Arguments.of("paper(,)", 7, "expected parameter name or ')' after '(' but found ','"),
                Arguments.of("paper(eta=1,)", 13, "expected parameter name after ',' but found ')'"),
                Arguments.of("paper(=1)", 7, "expected parameter name or ')' after '(' but found '='"),
                // duplicates
                Arguments.of("paper(eta=1, eta=2)", 14, "duplicate parameter 'eta' (already given at column 7)"),
                Arguments.of("a(b=c(x=1, y=2, x=3))", 17, "duplicate parameter 'x' (already given at column 7)"),
                // ranges
                Arguments.of("1..20.5", 4, "range bounds must be integers but found '20.5'"),
                Arguments.of("1.5..3", 1, "range bounds must be integers but found '1.5'"),
                Arguments.of("1..", 4, "expected an integer after '..' but found end of input"),
                Arguments.of("[1..]", 5, "expected an integer after '..' but found ']'"),
                Arguments.of("1..x", 4, "expected an integer after '..' but found 'x'"),
                Arguments.of("20..1", 1, "empty range '20..1': the start must not be greater than the end"),
                Arguments.of("1..99999999999999999999", 4, "range bound '99999999999999999999' is too large"),
                Arguments.of("..5", 1, "expected a value but found '..'"),
                // booleans are not components
                Arguments.of("true(x=1)", 5, "'true' is a boolean and cannot take arguments"),
                Arguments.of("a(b=false())", 10, "'false' is a boolean and cannot take arguments"),
                // no value at all
                Arguments.of(")", 1, "expected a value but found ')'"),
                Arguments.of("=", 1, "expected a value but found '='"),
                Arguments.of(",", 1, "expected a value but found ','"),
                // long tokens are shortened in messages
                Arguments.of("a(x=1 abcdefghijklmnopqrstuvwxyz0123456789)", 7,
                        "expected ')' or ',' after argument 'x' but found 'abcdefghijklmnopqrstuvwxyz0...'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valueErrors")
    void parseValueErrors(String text, int column, String detail) {
        assertError(SpecParser::parseValue, text, column, detail);
    }

    static Stream<Arguments> componentErrors() {
        return Stream.of(
                Arguments.of("", 1, "empty input; expected a component such as name or name(key=value, ...)"),
                Arguments.of("0.5", 1, "expected a component but found number '0.5'"),
                Arguments.of("5", 1, "expected a component but found integer '5'"),
                Arguments.of("  [1]", 3, "expected a component but found list '[1]'"),
                Arguments.of("true", 1, "expected a component but found boolean 'true'"),
                Arguments.of("'paper'", 1, "expected a component but found string '\"paper\"'"),
                Arguments.of("1..3", 1, "expected a component but found range '1..3'"),
                Arguments.of("(", 1, "expected a component but found '('"),
                Arguments.of("paper extra", 7, "expected end of input after the value but found 'extra'"),
                Arguments.of("paper(eta=0.5=1)", 14, "expected ')' or ',' after argument 'eta' but found '='"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("componentErrors")
    void parseComponentErrors(String text, int column, String detail) {
        assertError(SpecParser::parseComponent, text, column, detail);
    }

    static Stream<Arguments> assignmentErrors() {
        return Stream.of(
                Arguments.of("", 1, "empty input; expected key=value"),
                Arguments.of("5", 1, "expected key=value but found '5'"),
                Arguments.of(",M=5", 1, "expected key=value but found ','"),
                Arguments.of("M", 2, "expected '=' after parameter name 'M' but found end of input"),
                Arguments.of("M=5 N", 6, "expected '=' after parameter name 'N' but found end of input"),
                Arguments.of("M=", 3, "missing value for 'M': expected a value after '=' but found end of input"),
                Arguments.of("M= N=2", 4, "missing value for 'M': expected a value after '=' but found 'N'"),
                Arguments.of("M=5 5", 5, "expected ',' or another key=value after the value of 'M' but found '5'"),
                Arguments.of("M=5)", 4, "expected ',' or another key=value after the value of 'M' but found ')'"),
                Arguments.of("M=5,", 5, "expected key=value after ',' but found end of input"),
                Arguments.of("M=5,,T=1", 5, "expected key=value after ',' but found ','"),
                Arguments.of("M=1 M=2", 5, "duplicate parameter 'M' (already given at column 1)"),
                Arguments.of("router=paper(eta=0.5", 21,
                        "'(' opened at column 13 is never closed; expected ')' or ',' after argument 'eta'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("assignmentErrors")
    void parseAssignmentsErrors(String text, int column, String detail) {
        assertError(SpecParser::parseAssignments, text, column, detail);
    }

    private static void assertError(Function<String, ?> parse, String text, int column, String detail) {
        SpecException e = assertThrows(SpecException.class, () -> parse.apply(text), text);
        assertEquals("syntax error at column " + column + ": " + detail, e.getMessage());
        assertEquals(column, e.column());
        assertEquals(detail, e.detail());
        assertEquals(text, e.source());
    }

    @Test
    void theFirstProblemFromTheLeftIsReported() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue("a(x=) \"oops"));
        assertEquals("syntax error at column 5: missing value for 'x': expected a value after '=' but found ')'",
                e.getMessage());
    }

    @Test
    void theExampleFromTheBriefPointsAtTheOffendingEquals() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue("paper(eta=0.5=1)"));
        assertEquals("paper(eta=0.5=1)\n             ^", e.pointer());
    }

    @Test
    void nullTextIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> SpecParser.parseValue(null));
    }

    @Test
    void deepNestingIsRefusedWithOneLineNotAStackOverflow() {
        String lists = "[".repeat(5000) + "1" + "]".repeat(5000);
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue(lists));
        assertEquals("syntax error at column 65: nested more than 64 levels deep; allowed: 64",
                e.getMessage().split("\n")[0]);
        String components = "a(x=".repeat(3000) + "1" + ")".repeat(3000);
        SpecException c = assertThrows(SpecException.class, () -> SpecParser.parseValue(components));
        assertEquals(true, c.getMessage().contains("nested more than 64 levels deep"), c.getMessage());
        // 64 levels still parse
        assertEquals("[".repeat(63) + "1" + "]".repeat(63),
                SpecParser.parseValue("[".repeat(63) + "1" + "]".repeat(63)).toSpecText());
    }
}
