package moecl.workbench.report;

/**
 * The colours of chart lines: matplotlib's {@code tab10} cycle, which the paper's figures use. The report's
 * figures take them in matplotlib's order; the shell's charts take the same colours in an order of their own
 * (its {@code Palette}), so that the first lines stay apart on an 8-colour terminal too.
 */
public final class ChartColors {

    /** {@code tab10} as RGB in matplotlib's order: blue, orange, green, red, purple, brown, pink, grey, olive, cyan. */
    private static final int[] TAB10 = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    /** How many colours {@link #rgb} has. */
    public static final int COUNT = TAB10.length;

    private ChartColors() {
    }

    /** Colour {@code i} of the cycle as {@code 0xRRGGBB}, {@code 0 <= i < }{@link #COUNT}. */
    public static int rgb(int i) {
        return TAB10[i];
    }
}
