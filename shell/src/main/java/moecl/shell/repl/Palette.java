package moecl.shell.repl;

import java.awt.Color;

import moecl.workbench.report.ChartColors;

/**
 * The colours of chart lines 1, 2, ... (cycled), shared by the terminal and the PNG/SVG files so that a line has
 * the same colour in both: the files use the RGB values, a terminal that shows 24-bit colour the same values, a
 * 256-colour terminal the nearest colour of its 6×6×6 cube, an 8-colour one the nearest of its basic colours.
 * A thin line (one run of a setting) takes a light tint of its line's colour in the files.
 */
final class Palette {

    /**
     * Line colours as RGB: the report's colours ({@link ChartColors}) in the order blue, red, green, purple, cyan,
     * orange, brown, pink, grey, olive, so that the first five map to five different basic ANSI colours.
     */
    static final int[] RGB = java.util.stream.IntStream.of(0, 3, 2, 4, 9, 1, 5, 6, 7, 8).map(ChartColors::rgb)
            .toArray();
    /** The nearest basic ANSI foreground of each colour, for 8-colour terminals. */
    private static final int[] BASIC = {34, 31, 32, 35, 36, 33, 33, 35, 37, 33};

    /** How many colours a terminal shows. */
    enum Depth {
        NONE, BASIC, CUBE, TRUE
    }

    private Palette() {
    }

    static Color color(int line) {
        return new Color(RGB[Math.floorMod(line, RGB.length)]);
    }

    static Color tint(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    /** The ANSI escape that starts line {@code line}'s colour at {@code depth} (empty for none). */
    static String ansi(int line, Depth depth) {
        int rgb = RGB[Math.floorMod(line, RGB.length)];
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return switch (depth) {
            case NONE -> "";
            case BASIC -> "\u001b[" + BASIC[Math.floorMod(line, BASIC.length)] + "m";
            case CUBE -> "\u001b[38;5;" + (16 + 36 * cube(r) + 6 * cube(g) + cube(b)) + "m";
            case TRUE -> "\u001b[38;2;" + r + ";" + g + ";" + b + "m";
        };
    }

    /** The nearest of the cube's levels 0, 95, 135, 175, 215, 255. */
    private static int cube(int v) {
        return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
    }

    /**
     * The colour depth of a terminal from its number of colours and {@code COLORTERM} ({@code truecolor} or
     * {@code 24bit} means 24-bit colour).
     */
    static Depth depth(Integer colours, String colorterm) {
        if (colours == null || colours < 8) {
            return Depth.NONE;
        }
        if (colorterm != null && (colorterm.equalsIgnoreCase("truecolor") || colorterm.equalsIgnoreCase("24bit"))
                || colours >= 1 << 24) {
            return Depth.TRUE;
        }
        return colours >= 256 ? Depth.CUBE : Depth.BASIC;
    }
}
