package moecl.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import moecl.spec.Suggest;

/**
 * The options of {@code plot}: the chart controls and the run ids.
 *
 * @param panels one panel per metric (else all metrics in one chart)
 * @param xFrom  first round shown (1 for all)
 * @param xTo    last round shown ({@link Long#MAX_VALUE} for all)
 * @param by     a key whose values group the settings (one line per value), or null
 * @param title  the chart's title, or null for the usual one
 * @param width  the files' width in pixels
 * @param height the files' height in pixels
 * @param columns the terminal chart's width in columns, or 0 for the terminal's
 * @param rows    the terminal chart's height in rows
 */
record PlotOptions(boolean band, boolean seeds, boolean panels, boolean log, long xFrom, long xTo, String by,
                   String title, int width, int height, int columns, int rows, List<String> ids) {

    LineOptions lines() {
        return new LineOptions(band, seeds, null, ids);
    }

    static PlotOptions parse(List<String> args) {
        boolean band = false;
        boolean seeds = false;
        boolean panels = false;
        boolean log = false;
        long from = 1;
        long to = Long.MAX_VALUE;
        String by = null;
        String title = null;
        int width = ChartFiles.WIDTH;
        int height = ChartFiles.HEIGHT;
        int columns = 0;
        int rows = PlotCommand.CHART_HEIGHT;
        List<String> ids = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String a : args) {
            String key = a.startsWith("--") ? a.substring(2) : a;
            int eq = key.indexOf('=');
            String name = eq < 0 ? key : key.substring(0, eq);
            String value = eq < 0 ? null : key.substring(eq + 1);
            boolean option = eq >= 0 || a.startsWith("-") || List.of("band", "seeds", "panels", "log")
                    .contains(name);
            if (option && !seen.add(name)) {
                throw new IllegalArgumentException("plot: " + name + " given twice");
            }
            if (value == null && List.of("x", "by", "title", "size", "width", "height").contains(name)) {
                throw new IllegalArgumentException("plot: " + name + " needs a value, e.g. " + switch (name) {
                    case "x" -> "x=100..500";
                    case "by" -> "by=M";
                    case "title" -> "title=\"F over rounds\"";
                    case "size" -> "size=1200x800";
                    case "width" -> "width=80";
                    default -> "height=20";
                } + " (options: " + PlotCommand.PLOT_OPTIONS + ")");
            }
            switch (option ? name : "") {
                case "band" -> band = flag(a, value);
                case "seeds" -> seeds = flag(a, value);
                case "panels" -> panels = flag(a, value);
                case "log" -> log = flag(a, value);
                case "x" -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d*)\\.\\.(\\d*)")
                            .matcher(value);
                    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                        throw new IllegalArgumentException("plot: x takes a range of rounds FROM..TO, e.g. "
                                + "x=100..500 (or x=100.., x=..500), got '" + value + "'");
                    }
                    try {
                        from = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
                        to = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("plot: x=" + value + " is out of range");
                    }
                    if (from < 1 || to < from) {
                        throw new IllegalArgumentException("plot: x=" + value + " is empty: rounds start at 1 "
                                + "and FROM must not exceed TO");
                    }
                }
                case "by" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("plot: by takes a key, e.g. by=M");
                    }
                    by = value.strip();
                }
                case "title" -> title = unquoted(value);
                case "size" -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})[xX](\\d{1,5})")
                            .matcher(value);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("plot: size takes WIDTHxHEIGHT in pixels, e.g. "
                                + "size=1200x800, got '" + value + "'");
                    }
                    width = bounded("size (width)", Integer.parseInt(m.group(1)), 200, 8000);
                    height = bounded("size (height)", Integer.parseInt(m.group(2)), 150, 8000);
                }
                case "width" -> columns = bounded("width", number("width", value), 20, 400);
                case "height" -> rows = bounded("height", number("height", value), 4, 100);
                case "" -> ids.add(a);
                default -> throw new IllegalArgumentException("plot: unknown option '" + a + "'"
                        + Suggest.didYouMean(name, List.of("band", "seeds", "panels", "log", "x", "by", "title",
                        "size", "width", "height")) + " (options: " + PlotCommand.PLOT_OPTIONS + ")");
            }
        }
        return new PlotOptions(band, seeds, panels, log, from, to, by, title, width, height, columns, rows,
                List.copyOf(ids));
    }

    private static String unquoted(String v) {
        String t = v.strip();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static boolean flag(String word, String value) {
        if (value != null) {
            throw new IllegalArgumentException("plot: " + word.substring(0, word.indexOf('=')) + " takes no "
                    + "value, got '" + word + "'");
        }
        return true;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plot: " + name + " takes a whole number, got '" + value + "'");
        }
    }

    private static int bounded(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("plot: " + name + " must be " + min + ".." + max + ", got " + v);
        }
        return v;
    }
}
