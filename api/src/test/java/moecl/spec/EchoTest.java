package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Input quoted in messages: escaped, cut at 120 characters with its length. */
class EchoTest {

    @Test
    void shortInputIsQuotedAsItIsLongInputIsCut() {
        assertEquals("paper(eta=0.5)", Echo.of("paper(eta=0.5)"));
        assertEquals("a".repeat(120), Echo.of("a".repeat(120)));
        assertEquals("a".repeat(120) + "… (121 characters)", Echo.of("a".repeat(121)));
        assertEquals("ev\\x1b[2Jil", Echo.of("ev\u001b[2Jil"));
        // a character outside the basic plane is never cut in two
        String emoji = "a".repeat(119) + "\uD83D\uDE00" + "b";
        assertEquals("a".repeat(119) + "… (122 characters)", Echo.of(emoji));
    }

    @Test
    void longWordsOfAMessageAreCutShortOnesAndSpacesKept() {
        String m = "unknown router '" + "x".repeat(1000) + "' (routers: a, b)";
        assertEquals("unknown router '" + "x".repeat(119) + "… (1002 characters) (routers: a, b)", Echo.words(m));
        String ok = "no sweep folder '" + "y".repeat(130) + "'"; // within the slack: an input already cut
        assertSame(ok, Echo.words(ok));
        assertEquals("a  b " + "c".repeat(120) + "… (200 characters)", Echo.words("a  b " + "c".repeat(200)));
    }
}
