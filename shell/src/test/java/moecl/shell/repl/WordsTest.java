package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cutting REPL lines into statements and words: quotes and brackets keep specs whole. */
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
    }

    @Test
    void theParserGivesTheWordUnderTheCursor() {
        var p = new ReplParser().parse("set M=5; run router=paper(eta=0.3, la", 37);
        assertEquals(1, p.wordIndex());
        assertEquals("router=paper(eta=0.3, la", p.word());
        var empty = new ReplParser().parse("describe ", 9);
        assertEquals(1, empty.wordIndex());
        assertEquals("", empty.word());
    }
}
