package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The REPL's parser tells JLine the word under the cursor (the words are cut by {@link moecl.spec.Words}). */
class ReplParserWordTest {

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
