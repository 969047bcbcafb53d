package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngKindTest {

    @Test
    void parsesTheTwoIds() {
        assertEquals(RngKind.FAST, RngKind.parse("fast"));
        assertEquals(RngKind.NUMPY_LEGACY, RngKind.parse("numpy-legacy"));
        assertEquals(RngKind.NUMPY_LEGACY, RngKind.parse(" Numpy-Legacy "));
        for (RngKind k : RngKind.values()) {
            assertEquals(k, RngKind.parse(k.id()));
            assertEquals(k.id(), k.toString());
        }
    }

    @Test
    void rejectsAnythingElseListingTheAllowedValues() {
        for (String bad : new String[] {"numpy", "NUMPY_LEGACY", "numpy_legacy", "", "  ", "xoshiro", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RngKind.parse(bad));
            assertTrue(e.getMessage().contains("allowed values: fast, numpy-legacy"), e.getMessage());
        }
    }
}
