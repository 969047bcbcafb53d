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
