package moecl.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Sizes in long: HotSpot's array layout, saturating arithmetic, the array limit and human-readable bytes. */
class SizesTest {

    @Test
    void arraysAreAHeaderAndTheirElementsRoundedToEightBytes() {
        assertEquals(16, Sizes.doubles(0));
        assertEquals(16 + 8 * 10, Sizes.doubles(10));
        assertEquals(16 + 8, Sizes.ints(1)); // 4 bytes padded to 8
        assertEquals(16 + 16, Sizes.ints(3)); // 12 bytes padded to 16
        assertEquals(16 + 8, Sizes.bytes(5));
        assertEquals(16 + 16, Sizes.longs(2));
        assertEquals(16 + 8, Sizes.refs(2));
        // double[3][4]: the array of 3 references (16 + 12 → 32) and 3 rows of 16 + 32
        assertEquals(32 + 3 * 48, Sizes.matrix(3, 4));
        // a billion doubles: 8 GB and its header, in long
        assertEquals(8_000_000_016L, Sizes.doubles(1_000_000_000L));
    }

    @Test
    void productsAndSumsSaturateInsteadOfOverflowing() {
        assertEquals(5_000_000_000L, Sizes.times(100_000, 50_000));
        assertEquals(Long.MAX_VALUE, Sizes.times(4_000_000_000L, 4_000_000_000L, 4_000_000_000L));
        assertEquals(Long.MAX_VALUE, Sizes.add(Long.MAX_VALUE - 1, 2));
        assertEquals(Long.MAX_VALUE, Sizes.doubles(Long.MAX_VALUE / 2));
        assertEquals(0, Sizes.times(0, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Sizes.doubles(-1));
    }

    @Test
    void anArrayLongerThanJavaAllowsIsRefusedNamingItsParameters() {
        assertEquals(2_147_483_639, Sizes.length(Sizes.MAX_ARRAY, "x", List.of("d")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sizes.length(5_000_000_000L, "gaussian: a task's d·s (d=1000000000, s=5)", List.of("d", "s")));
        assertEquals("gaussian: a task's d·s (d=1000000000, s=5) is 5000000000 values, more than a Java array holds "
                + "(2147483639); lower d or s", e.getMessage());
        assertEquals("d, s or N", Sizes.either(List.of("d", "s", "N")));
    }

    @Test
    void bytesReadAsPeopleReadThem() {
        assertEquals("812 bytes", Sizes.human(812));
        assertEquals("4 KB", Sizes.human(4096));
        assertEquals("512 MB", Sizes.human(512L << 20));
        assertEquals("7.5 GB", Sizes.human(8_000_000_016L)); // 7.45 GiB, one decimal
        assertEquals("6 GB", Sizes.human(6L << 30));
        assertEquals("745 GB", Sizes.human(800_000_000_000L)); // 745.06: no decimal from 100 on
        assertEquals("74.5 GB", Sizes.human(80_000_000_000L));
        assertEquals("1 GB", Sizes.human((1L << 30) - 1000)); // 1023.99 MB rounds up to the next unit
        assertEquals("8 EB", Sizes.human(Long.MAX_VALUE));
    }
}
