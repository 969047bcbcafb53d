package moecl.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a line of words is cut into statements and words, the one word splitter of the project: the REPL reads its
 * lines with it and scripts read their spec strings ({@code moecl.run("M=5 router=paper(eta=0.5)")}) with it.
 * Statements are separated by {@code ;}; words by white space; neither splits inside quotes or brackets, so
 * {@code run router=paper(eta=0.3, lambda=0.2)} is two words and a spec never needs quoting. A word that starts
 * with a quote is a quoted word: the quotes go, as in a shell ({@code describe "paper"}), and so do the quotes of a
 * quoted value after {@code KEY=} ({@code tasks="gaussian(d=50, s=10)"}); quotes inside a spec stay, because they
 * belong to it ({@code tasks=mnist(path="a b")}).
 */
public final class Words {

    /** A word of a line: its text as typed and where it starts and ends (end exclusive). */
    public record Word(String raw, int start, int end) {
        /**
         * The word as a command receives it, as a shell would pass it: surrounding quotes removed from a quoted
         * word ({@code "my file"}), and from a quoted value after {@code KEY=} ({@code tasks="gaussian(d=50, s=10)"}
         * is {@code tasks=gaussian(d=50, s=10)}).
         */
        public String text() {
            if (quoted(raw, 0)) {
                return raw.substring(1, raw.length() - 1);
            }
            int eq = raw.indexOf('=');
            if (eq > 0 && raw.substring(0, eq).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'
                    || c == '-' || c == '.') && quoted(raw, eq + 1)) {
                return raw.substring(0, eq + 1) + raw.substring(eq + 2, raw.length() - 1);
            }
            return raw;
        }

        /** Whether {@code s} from {@code from} on is one quoted string: a quote, no other of its kind, the quote. */
        private static boolean quoted(String s, int from) {
            if (s.length() - from < 2) {
                return false;
            }
            char q = s.charAt(from);
            return (q == '"' || q == '\'') && s.charAt(s.length() - 1) == q && s.indexOf(q, from + 1) == s.length() - 1;
        }
    }

    private Words() {
    }

    /** The statements of a line, without their separators; blank statements and {@code #} comments dropped. */
    public static List<String> statements(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        Scanner sc = new Scanner();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (sc.plain() && c == '#' && line.substring(start, i).isBlank()) {
                // a comment runs to the end of the line
                start = line.length();
                break;
            }
            if (sc.plain() && c == ';') {
                add(out, line.substring(start, i));
                start = i + 1;
            }
            sc.step(c);
        }
        if (start < line.length()) {
            add(out, line.substring(start));
        }
        return out;
    }

    private static void add(List<String> out, String s) {
        if (!s.isBlank()) {
            out.add(s.strip());
        }
    }

    /** Where the statement holding {@code cursor} starts (after the last unquoted {@code ;} before the cursor). */
    public static int statementStart(String line, int cursor) {
        int start = 0;
        Scanner sc = new Scanner();
        for (int i = 0; i < Math.min(cursor, line.length()); i++) {
            char c = line.charAt(i);
            if (sc.plain() && c == ';') {
                start = i + 1;
            }
            sc.step(c);
        }
        return start;
    }

    /** Where the first statement of {@code text} ends: its first unquoted {@code ;}, or the end of the text. */
    public static int statementEnd(String text) {
        Scanner sc = new Scanner();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (sc.plain() && c == ';') {
                return i;
            }
            sc.step(c);
        }
        return text.length();
    }

    /**
     * The words of {@code text}, with positions relative to {@code offset}; {@link Word#raw()} is the word as
     * typed (quotes kept), {@link Word#text()} as a shell would pass it.
     */
    public static List<Word> words(String text, int offset) {
        List<Word> out = new ArrayList<>();
        Scanner sc = new Scanner();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (sc.plain() && Character.isWhitespace(c)) {
                if (start >= 0) {
                    out.add(new Word(text.substring(start, i), offset + start, offset + i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            sc.step(c);
        }
        if (start >= 0) {
            out.add(new Word(text.substring(start), offset + start, offset + text.length()));
        }
        return out;
    }

    /**
     * A {@code KEY=VALUE} word: the key before its first {@code =} and the value after it, both trimmed. What a
     * key may be, and the message for a word that is not an assignment, are the caller's.
     */
    public record Assignment(String key, String value) {
    }

    /** {@code word} as an assignment, or {@code null} when it has no {@code =} or nothing before it. */
    public static Assignment assignment(String word) {
        int eq = word.indexOf('=');
        return eq <= 0 ? null : new Assignment(word.substring(0, eq).trim(), word.substring(eq + 1).trim());
    }

    /** The word texts of one statement, as commands receive them (quoted words without their quotes). */
    public static List<String> args(String statement) {
        return words(statement, 0).stream().map(Word::text).toList();
    }

    /** Tracks quotes and bracket depth while a line is read left to right. */
    public static final class Scanner {
        private char quote;
        private int depth;

        /** Outside quotes and brackets: where separators count. */
        public boolean plain() {
            return quote == 0 && depth == 0;
        }

        public void step(char c) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
    }
}
