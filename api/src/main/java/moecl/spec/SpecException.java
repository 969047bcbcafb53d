package moecl.spec;

/**
 * A spec text that cannot be understood, with the exact place where reading stopped.
 *
 * <p>The message is one line, {@code "syntax error at column 14: expected ')' or ',' after argument 'eta' but
 * found '='"}, so that the command line and the REPL can print it as is; {@link #pointer()} adds the two-line
 * picture of the source with a caret under the column.
 *
 * <p>{@link #column()} is the 1-based position in {@link #source()} (a string index plus one; the end of input is
 * {@code source().length() + 1}). When the source spans several lines (a spec read from a file), the message says
 * {@code "at line 2, column 5"} with the column counted inside that line, and the pointer shows that line only.
 *
 * <p>The kind ({@code "syntax error"} for the parser) is a parameter so that later stages, which check a parsed
 * spec against what a component accepts, can report in the same format and with the same pointer.
 */
public final class SpecException extends IllegalArgumentException {

    private final String kind;
    private final String detail;
    private final String source;
    private final int column;

    /**
     * A syntax error.
     *
     * @param detail what went wrong, without the position (e.g. {@code "unmatched ')'"})
     * @param source the whole text being read
     * @param column 1-based position in {@code source}, at most {@code source.length() + 1}
     */
    public SpecException(String detail, String source, int column) {
        this("syntax error", detail, source, column);
    }

    /**
     * An error of the given kind, e.g. {@code "invalid spec"}.
     *
     * @param kind the first words of the message, before {@code " at column N"}
     * @param detail what went wrong, without the position
     * @param source the whole text being read
     * @param column 1-based position in {@code source}, clamped to {@code [1, source.length() + 1]}
     */
    public SpecException(String kind, String detail, String source, int column) {
        super(format(kind, detail, source, clamp(column, source)));
        this.kind = kind;
        this.detail = detail;
        this.source = source;
        this.column = clamp(column, source);
    }

    /** The 1-based position in {@link #source()} where the problem is. */
    public int column() {
        return column;
    }

    /** The whole text that was being read. */
    public String source() {
        return source;
    }

    /** What went wrong, without the kind and the position. */
    public String detail() {
        return detail;
    }

    /** The kind of error, e.g. {@code "syntax error"}. */
    public String kind() {
        return kind;
    }

    /** The 1-based line of {@link #column()} in {@link #source()}. */
    public int line() {
        return 1 + (int) source.substring(0, column - 1).chars().filter(c -> c == '\n').count();
    }

    /**
     * Two lines: the source line holding the error and a caret under the column. Tabs in the source are copied
     * into the caret line so that the caret stays aligned in a terminal.
     *
     * <pre>
     * paper(eta=0.5=1)
     *              ^
     * </pre>
     */
    public String pointer() {
        int index = column - 1;
        int lineStart = source.lastIndexOf('\n', index - 1) + 1;
        int lineEnd = source.indexOf('\n', index);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String line = source.substring(lineStart, lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < index; i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return line + "\n" + caret.append('^');
    }

    private static int clamp(int column, String source) {
        return Math.max(1, Math.min(column, source.length() + 1));
    }

    private static String format(String kind, String detail, String source, int column) {
        return kind + " at " + where(source, column) + ": " + detail;
    }

    /**
     * How a message names a position: {@code "column 6"}, or {@code "line 2, column 3"} (column counted inside the
     * line) when the source has several lines.
     */
    static String where(String source, int column) {
        if (source.indexOf('\n') < 0) {
            return "column " + column;
        }
        int lineStart = source.lastIndexOf('\n', column - 2) + 1;
        int line = 1 + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        return "line " + line + ", column " + (column - lineStart);
    }
}
