package moecl.spec;

/**
 * Input quoted back in a message: control characters escaped (an argument may carry terminal escapes) and, past
 * {@value #MAX} characters, cut with a note of its length, so that a pasted megabyte neither floods the terminal
 * nor hides what the message says about it.
 */
public final class Echo {

    /** Characters of an input shown in a message. */
    public static final int MAX = 120;

    private Echo() {
    }

    /** {@code input} fit to quote in a one-line message: {@code "xxxx…xxx… (100000 characters)"} when long. */
    public static String of(String input) {
        if (input == null) {
            return "null";
        }
        return escape(input, MAX);
    }

    /** Characters a word may exceed {@link #MAX} by before {@link #words} cuts it: quotes around a cut input. */
    static final int SLACK = 16;

    /**
     * A message with every stretch of more than {@value #MAX} characters without a space (a little more: quotes and
     * the ellipsis of an input {@link #of} cut already) cut like {@link #of}: what a message quotes of its input,
     * when the place that built it did not cut it (a name, a number, a path, a spec without spaces). Control
     * characters are left as they are.
     */
    public static String words(String message) {
        StringBuilder sb = null;
        int start = 0;
        int n = message.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || message.charAt(i) == ' ') {
                int len = i - start;
                if (len > MAX + SLACK) {
                    if (sb == null) {
                        sb = new StringBuilder(message.substring(0, start));
                    }
                    int cut = start + MAX;
                    if (Character.isHighSurrogate(message.charAt(cut - 1))) {
                        cut--;
                    }
                    sb.append(message, start, cut).append("… (").append(len).append(" characters)");
                } else if (sb != null) {
                    sb.append(message, start, i);
                }
                if (sb != null && i < n) {
                    sb.append(' ');
                }
                start = i + 1;
            }
        }
        return sb == null ? message : sb.toString();
    }

    /**
     * {@code text} with control characters escaped as {@code \xNN} and, past {@code max} characters, cut with a
     * note of its length.
     */
    public static String escape(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 32);
        int n = Math.min(text.length(), max);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > max) {
            if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                sb.setLength(sb.length() - 1); // never cut a character in two
            }
            sb.append("… (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }
}
