package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpecExceptionTest {

    @Test
    void messageIsOneLineWithTheColumn() {
        SpecException e = new SpecException("unmatched ')'", "a())", 4);
        assertEquals("syntax error at column 4: unmatched ')'", e.getMessage());
        assertEquals(4, e.column());
        assertEquals("a())", e.source());
        assertEquals("unmatched ')'", e.detail());
        assertEquals("syntax error", e.kind());
        assertEquals(1, e.line());
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void pointerPutsACaretUnderTheColumn() {
        assertEquals("a())\n   ^", new SpecException("x", "a())", 4).pointer());
        assertEquals("abc\n^", new SpecException("x", "abc", 1).pointer());
    }

    @Test
    void pointerAtTheEndOfInputIsJustPastTheLastCharacter() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue("paper(eta=0.5"));
        assertEquals("paper(eta=0.5\n             ^", e.pointer());
    }

    @Test
    void pointerKeepsTabsSoTheCaretLinesUp() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue("\ta(x=1;)"));
        assertEquals(7, e.column());
        assertEquals("\ta(x=1;)\n\t     ^", e.pointer());
    }

    @Test
    void otherKindsOfErrorUseTheSameFormat() {
        SpecException e = new SpecException("invalid spec", "unknown parameter 'etaa' for paper", "paper(etaa=1)", 7);
        assertEquals("invalid spec at column 7: unknown parameter 'etaa' for paper", e.getMessage());
        assertEquals("paper(etaa=1)\n      ^", e.pointer());
    }

    @Test
    void columnsOutsideTheSourceAreClamped() {
        assertEquals(1, new SpecException("x", "ab", 0).column());
        assertEquals(3, new SpecException("x", "ab", 99).column());
        assertEquals(1, new SpecException("x", "", 5).column());
        assertEquals("\n^", new SpecException("x", "", 1).pointer());
    }

    @Test
    void multiLineSourcesNameTheLineAndShowOnlyThatLine() {
        String source = "paper(\n  eta=0.5,\n  eta=1)";
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue(source));
        assertEquals(21, e.column());
        assertEquals(3, e.line());
        assertEquals("syntax error at line 3, column 3: duplicate parameter 'eta' (already given at line 2, column 3)",
                e.getMessage());
        assertEquals("  eta=1)\n  ^", e.pointer());
    }

    @Test
    void multiLineSourceWithTheErrorAtTheEndOfALine() {
        String source = "[1,\r\n2";
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseValue(source));
        assertEquals("syntax error at line 2, column 2: '[' opened at line 1, column 1 is never closed;"
                + " expected ']' or ',' after list item 2", e.getMessage());
        assertEquals("2\n ^", e.pointer());
        SpecException first = new SpecException("x", source, 4);
        assertEquals("syntax error at line 1, column 4: x", first.getMessage());
        assertEquals("[1,\n   ^", first.pointer());
    }
}
