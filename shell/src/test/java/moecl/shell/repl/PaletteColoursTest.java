package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The chart colours the shell takes from the report's cycle, in its own order, are the ones it always drew. */
class PaletteColoursTest {

    @Test
    void lineColoursKeepTheirValuesAndOrder() {
        assertArrayEquals(new int[] {0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0x17becf, 0xff7f0e, 0x8c564b, 0xe377c2,
            0x7f7f7f, 0xbcbd22}, Palette.RGB);
        assertEquals("\u001b[38;2;214;39;40m", Palette.ansi(1, Palette.Depth.TRUE));
        assertEquals("\u001b[38;5;38m", Palette.ansi(4, Palette.Depth.CUBE));
        assertEquals("\u001b[31m", Palette.ansi(11, Palette.Depth.BASIC));
    }
}
