package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cutting lines into statements and words: quotes and brackets keep specs whole. */
class WordsTest {

    @Test
    void semicolonsSeparateStatementsOutsideQuotesAndBrackets() {
        assertEquals(List.of("set M=5", "run T=500"), Words.statements("set M=5; run T=500"));
        assertEquals(List.of("describe \"a;b\"", "show"), Words.statements("describe \"a;b\" ;; show"));
        assertEquals(List.of(), Words.statements("   # just a comment; not a command"));
    }

    @Test
    void specsWithSpacesInsideBracketsStayOneWord() {
        assertEquals(List.of("run", "router=paper(eta=0.3, lambda=0.2)", "M=[1, 5]"),
                Words.args("run router=paper(eta=0.3, lambda=0.2)  M=[1, 5]"));
    }

    @Test
    void aQuotedWordLosesItsQuotesButQuotesInsideASpecStay() {
        assertEquals(List.of("save", "my file.spec"), Words.args("save 'my file.spec'"));
        assertEquals(List.of("run", "tasks=mnist(path=\"a b\")"), Words.args("run tasks=mnist(path=\"a b\")"));
        assertEquals(List.of("tasks=gaussian(d=50, s=10)"), Words.args("tasks=\"gaussian(d=50, s=10)\""));
    }

    @Test
    void rawWordsKeepTheirQuotesAndPositions() {
        List<Words.Word> w = Words.words("M=5  tasks='a b' router=paper(eta=0.5, lambda=0.3)", 10);
        assertEquals(List.of("M=5", "tasks='a b'", "router=paper(eta=0.5, lambda=0.3)"),
                w.stream().map(Words.Word::raw).toList());
        assertEquals(10, w.get(0).start());
        assertEquals(13, w.get(0).end());
        assertEquals(15, w.get(1).start());
    }

    @Test
    void aStrayClosingBracketDoesNotSwallowTheRestOfTheLine() {
        assertEquals(List.of("M=5)", "T=3"), Words.args("M=5) T=3"));
    }

    @Test
    void statementBoundariesAroundTheCursor() {
        String line = "set M=5; run \"a;b\"; show";
        assertEquals(8, Words.statementStart(line, 12));
        assertEquals(7, Words.statementEnd(line));
        assertEquals(9, Words.statementEnd("run \"a;b\"; show"));
    }

    @Test
    void anAssignmentIsCutAtItsFirstEqualsSign() {
        assertEquals(new Words.Assignment("router", "paper(eta=0.5)"), Words.assignment(" router = paper(eta=0.5)"));
        assertEquals(new Words.Assignment("M", ""), Words.assignment("M="));
        assertEquals(null, Words.assignment("=5"));
        assertEquals(null, Words.assignment("describe"));
    }
}
