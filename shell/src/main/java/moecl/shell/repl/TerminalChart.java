package moecl.shell.repl;

import java.util.List;

/**
 * A line chart drawn with text: Unicode braille cells (2×4 dots each, so a 60-column chart has 120 points across)
 * when the terminal can show them, {@code *} otherwise. Each series gets its own colour on a colour terminal and
 * its own legend entry; y-axis labels show the range, the x axis the rounds. Thin lines (single runs of a setting)
 * are drawn first, in the colour of the line they belong to, without legend entries of their own.
 */
final class TerminalChart {

    static final int BRAILLE_BASE = 0x2800;
    /** Dot bits of a braille cell by [x][y] within the 2×4 cell. */
    private static final int[][] DOTS = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

    private TerminalChart() {
    }

    /** As {@link #render(String, List, int, int, boolean, Palette.Depth, boolean)}, basic colours or none. */
    static String render(String title, List<Series> series, int width, int height, boolean braille, boolean colour) {
        return render(title, series, width, height, braille, colour ? Palette.Depth.BASIC : Palette.Depth.NONE,
                false);
    }

    /**
     * @param width   columns of the plotting area
     * @param height  rows of the plotting area
     * @param braille braille dots, else {@code *} characters
     * @param colour  colours per series ({@link Palette}, the files' colours), or none
     * @param log     the values are log10 of the data (see {@link Series#log10()}): the axis labels show the data
     */
    static String render(String title, List<Series> series, int width, int height, boolean braille,
                         Palette.Depth colour, boolean log) {
        long n = 0;
        long first = Long.MAX_VALUE;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        // legend numbers (and colours) go to the lines that are not thin, in order; a thin line takes its group's
        int[] number = new int[series.size()];
        int lines = 0;
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            number[si] = s.thin() ? -1 : lines++;
            n = Math.max(n, s.rounds());
            first = Math.min(first, s.offset());
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        if (n == 0 || lo > hi) {
            return sb.append("  (no finite values to plot)\n").toString();
        }
        double[] range = log ? Axes.logRange(lo, hi) : Axes.range(lo, hi);
        lo = range[0];
        hi = range[1];
        long span = Math.max(1, n - first);
        boolean colourOn = colour != Palette.Depth.NONE;
        int xs = braille ? 2 : 1;
        int ys = braille ? 4 : 1;
        int dotsW = width * xs;
        int dotsH = height * ys;
        int[][] cells = new int[height][width];
        int[][] owner = new int[height][width];
        int[] endRow = new int[series.size()];
        java.util.Arrays.fill(endRow, -1);
        for (int[] row : owner) {
            java.util.Arrays.fill(row, -1);
        }
        int thinCount = 0;
        // thin lines first, so the lines they belong to are drawn over them
        for (int pass = 0; pass < 2; pass++) {
            for (int si = 0; si < series.size(); si++) {
                Series s = series.get(si);
                if (s.thin() != (pass == 0)) {
                    continue;
                }
                thinCount += s.thin() ? 1 : 0;
                int who = s.thin() ? (s.group() >= 0 ? s.group() : lines + thinCount) : number[si];
                double[] v = s.values();
                int step = s.step();
                int prevY = -1;
                for (int dx = 0; dx < dotsW; dx++) {
                    // mean of the points whose rounds fall into this dot column (rounds first+1 .. n)
                    long from = first + dx * span / dotsW - s.offset();
                    long to = Math.max(from + 1, first + (dx + 1) * span / dotsW - s.offset());
                    if (to <= 0) {
                        prevY = -1;
                        continue;
                    }
                    int p0 = (int) (Math.max(0, from) / step);
                    int p1 = (int) Math.min(v.length, (to - 1) / step + 1);
                    double sum = 0;
                    int cnt = 0;
                    for (int i = p0; i < p1; i++) {
                        if (Double.isFinite(v[i])) {
                            sum += v[i];
                            cnt++;
                        }
                    }
                    if (cnt == 0) {
                        prevY = -1;
                        continue;
                    }
                    int dy = (int) Math.round((hi - sum / cnt) / (hi - lo) * (dotsH - 1));
                    // join to the previous column so steep curves stay connected
                    int a = prevY < 0 ? dy : Math.min(prevY, dy);
                    int b = prevY < 0 ? dy : Math.max(prevY, dy);
                    for (int y = a; y <= b; y++) {
                        int cy = y / ys;
                        int cx = dx / xs;
                        cells[cy][cx] |= braille ? DOTS[dx % 2][y % 4] : 1;
                        owner[cy][cx] = who;
                    }
                    prevY = dy;
                    endRow[si] = dy / ys;
                }
            }
        }
        String top = log ? label(Math.pow(10, hi)) : label(hi);
        String bottom = log ? label(Math.pow(10, lo)) : label(lo);
        int margin = Math.max(top.length(), bottom.length()) + 2;
        for (int row = 0; row < height; row++) {
            String axis = row == 0 ? top : row == height - 1 ? bottom : "";
            if (height >= 7 && row == (height - 1) / 2) {
                double mid = hi - (hi - lo) * row / (height - 1);
                axis = log ? label(Math.pow(10, mid)) : label(mid);
            }
            sb.append(" ".repeat(margin - axis.length())).append(axis).append(" │");
            int current = -1;
            for (int col = 0; col < width; col++) {
                int bits = cells[row][col];
                int who = bits == 0 ? -1 : owner[row][col];
                if (colourOn && who != current) {
                    sb.append(who < 0 ? "\u001b[0m" : Palette.ansi(who, colour));
                    current = who;
                }
                if (braille) {
                    sb.appendCodePoint(bits == 0 ? ' ' : BRAILLE_BASE + bits);
                } else {
                    sb.append(bits == 0 ? ' ' : '*');
                }
            }
            if (colourOn && current >= 0) {
                sb.append("\u001b[0m");
            }
            if (lines > 1) {
                // line numbers at the right end of their lines tell them apart without colour
                for (int si = 0; si < series.size(); si++) {
                    if (number[si] >= 0 && endRow[si] == row) {
                        sb.append(' ').append(number[si] + 1);
                    }
                }
            }
            sb.append('\n');
        }
        sb.append(" ".repeat(margin)).append(" └").append("─".repeat(width)).append('\n');
        String left = Long.toString(first + 1);
        String right = "t=" + n;
        sb.append(" ".repeat(margin + 2)).append(left)
                .append(" ".repeat(Math.max(1, width - left.length() - right.length()))).append(right).append('\n');
        for (int si = 0; si < series.size(); si++) {
            if (number[si] < 0) {
                continue;
            }
            String mark = braille ? "⣿⣿" : "**";
            if (colourOn) {
                mark = Palette.ansi(number[si], colour) + mark + "\u001b[0m";
            }
            sb.append("  ").append(number[si] + 1).append(' ').append(mark).append(' ').append(series.get(si).label())
                    .append('\n');
        }
        if (thinCount > 0) {
            sb.append("  (and ").append(thinCount).append(" single run").append(thinCount == 1 ? "" : "s")
                    .append(" in their setting's colour)\n");
        }
        return sb.toString();
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format("%.3e", v);
        }
        return String.format("%.4f", v);
    }
}
