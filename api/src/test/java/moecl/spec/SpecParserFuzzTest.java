package moecl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Thousands of generated inputs, most of them malformed: the parser gives a value whose canonical text parses back
 * to the same value, or a {@link SpecException} whose first line names a column; never another exception, never
 * a stack overflow or a hang.
 */
class SpecParserFuzzTest {

    /** Strings over the spec language's own characters (and some others), where near misses are likely. */
    @Provide
    Arbitrary<String> specLike() {
        Arbitrary<String> atoms = Arbitraries.of("paper", "stop", "=", "(", ")", "[", "]", ",", "..", "1", "-2",
                "0.5", "1e308", "1e400", "NaN", "\"s\"", "\"", "true", " ", "threshold", "gamma", "x",
                "9999999999999999999",
                "\u0000", "\u001b", "é", "'", "--", "+", ".", "e");
        return atoms.list().ofMaxSize(24).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void anyInputGivesAValueOrOneClearError(@ForAll("specLike") String text) {
        check(text);
    }

    @Property(tries = 1000)
    void arbitraryUnicodeToo(@ForAll String text) {
        check(text);
    }

    @Property(tries = 200)
    void deepNestingIsRefusedNotOverflowed(@ForAll("depths") int depth) {
        String open = "[".repeat(depth);
        check(open + "1" + "]".repeat(depth));
        check("a(x=".repeat(depth) + "1" + ")".repeat(depth));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000);
    }

    private static void check(String text) {
        SpecValue v;
        try {
            v = SpecParser.parseValue(text);
        } catch (SpecException e) {
            String first = e.getMessage().split("\n")[0];
            assertFalse(first.isBlank(), "an empty message for " + text);
            return;
        }
        // a value: its canonical text means the same value
        assertEquals(v.toSpecText(), SpecParser.parseValue(v.toSpecText()).toSpecText(), text);
    }
}
