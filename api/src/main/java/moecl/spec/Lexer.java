package moecl.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits spec text into tokens, one at a time, on demand.
 *
 * <p>The lexer is pulled by the parser rather than run over the whole text first, so that the first error
 * reported is the leftmost one: in {@code a(x=) "oops} the missing value is reported, not the unclosed string.
 *
 * <p>Lexical rules:
 * <ul>
 *   <li>names: {@code [A-Za-z_][A-Za-z0-9_.-]*} (so {@code numpy-legacy} and {@code stop.gamma} are names);</li>
 *   <li>numbers: {@code -?digits(.digits)?([eE][+-]?digits)?}. A '-' starts a number only when a digit follows;
 *       since names cannot start with '-', there is no ambiguity. A number directly followed by a name character
 *       ({@code 1.2.3}, {@code 5abc}, {@code 1e}) is one bad number, not two tokens;</li>
 *   <li>{@code ..} between integers makes a range; it is recognised right after a number, so {@code 1..20} is
 *       {@code 1}, {@code ..}, {@code 20};</li>
 *   <li>strings in double or single quotes with escapes {@code \" \' \\ \n \t}; any other character, line breaks
 *       included, stands for itself;</li>
 *   <li>punctuation {@code ( ) [ ] , =}; whitespace separates tokens and is otherwise ignored.</li>
 * </ul>
 */
final class Lexer {

    enum Type {
        NAME, NUMBER, STRING, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, EQUALS, DOTDOT, END
    }

    /**
     * One token.
     *
     * @param type what it is
     * @param text the exact source text of the token (empty for END)
     * @param value for STRING the decoded string, else the text
     * @param column 1-based column of its first character
     */
    record Token(Type type, String text, String value, int column) {

        /** The token as error messages show it: {@code 'eta'}, {@code '='} or {@code end of input}. */
        String describe() {
            if (type == Type.END) {
                return "end of input";
            }
            String shown = text.length() > 30 ? text.substring(0, 27) + "..." : text;
            return "'" + shown + "'";
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern BAD_EXPONENT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?[eE][+-]?");

    private final String source;
    private int pos;
    private Token peeked;

    Lexer(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    /** The next token, without consuming it. */
    Token peek() {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    /** The next token, consumed. */
    Token next() {
        Token token = peek();
        peeked = null;
        return token;
    }

    /** How messages refer to another place in the source: {@code "column 6"} or {@code "line 2, column 3"}. */
    String where(int column) {
        return SpecException.where(source, column);
    }

    SpecException error(int column, String detail) {
        return new SpecException(detail, source, column);
    }

    private Token read() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= source.length()) {
            return new Token(Type.END, "", "", start + 1);
        }
        char c = source.charAt(pos);
        return switch (c) {
            case '(' -> single(Type.LPAREN);
            case ')' -> single(Type.RPAREN);
            case '[' -> single(Type.LBRACKET);
            case ']' -> single(Type.RBRACKET);
            case ',' -> single(Type.COMMA);
            case '=' -> single(Type.EQUALS);
            case '"', '\'' -> string(c);
            case '.' -> dot();
            case '-' -> minus();
            default -> {
                if (isDigit(c)) {
                    yield number();
                }
                if (isNameStart(c)) {
                    yield name();
                }
                throw error(start + 1, "unexpected character " + describeChar(source.codePointAt(start)));
            }
        };
    }

    private Token single(Type type) {
        pos++;
        String text = source.substring(pos - 1, pos);
        return new Token(type, text, text, pos);
    }

    private Token name() {
        int start = pos;
        while (pos < source.length() && isNamePart(source.charAt(pos))) {
            pos++;
        }
        String text = source.substring(start, pos);
        return new Token(Type.NAME, text, text, start + 1);
    }

    private Token dot() {
        int start = pos;
        if (lookingAt(start + 1, '.')) {
            pos += 2;
            return new Token(Type.DOTDOT, "..", "..", start + 1);
        }
        if (start + 1 < source.length() && isDigit(source.charAt(start + 1))) {
            String bad = badNumberRun(start);
            throw error(start + 1, "bad number '" + bad + "': write '0" + bad + "'");
        }
        throw error(start + 1, "unexpected character '.'");
    }

    private Token minus() {
        int start = pos;
        if (start + 1 < source.length() && isDigit(source.charAt(start + 1))) {
            return number();
        }
        if (lookingAt(start + 1, '.') && start + 2 < source.length() && isDigit(source.charAt(start + 2))) {
            String bad = badNumberRun(start);
            throw error(start + 1, "bad number '" + bad + "': write '-0" + bad.substring(1) + "'");
        }
        String found = start + 1 >= source.length() ? "end of input"
                : Character.isWhitespace(source.charAt(start + 1)) ? "whitespace"
                : describeChar(source.codePointAt(start + 1));
        throw error(start + 1, "expected a digit after '-' but found " + found);
    }

    private Token number() {
        int start = pos;
        Matcher m = NUMBER.matcher(source).region(start, source.length());
        m.lookingAt(); // the caller checked that a digit comes first, so this always matches
        int end = m.end();
        boolean rangeFollows = lookingAt(end, '.') && lookingAt(end + 1, '.');
        if (end < source.length() && isNamePart(source.charAt(end)) && !rangeFollows) {
            String bad = badNumberRun(start);
            throw error(start + 1, "bad number '" + bad + "'" + badNumberHint(bad));
        }
        pos = end;
        String text = source.substring(start, end);
        return new Token(Type.NUMBER, text, text, start + 1);
    }

    /** The run of characters that make up a malformed number, up to a delimiter or a '..'. */
    private String badNumberRun(int start) {
        int end = start + 1;
        while (end < source.length()) {
            char c = source.charAt(end);
            boolean part = isNamePart(c) || c == '+';
            if (!part || (c == '.' && lookingAt(end + 1, '.'))) {
                break;
            }
            end++;
        }
        return source.substring(start, end);
    }

    private static String badNumberHint(String bad) {
        if (bad.endsWith(".")) {
            return ": expected a digit after '.'";
        }
        if (BAD_EXPONENT.matcher(bad).matches()) {
            return ": expected digits in the exponent";
        }
        if (bad.chars().filter(ch -> ch == '.').count() > 1) {
            return ": a number has at most one '.'";
        }
        return "";
    }

    private Token string(char quote) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Type.STRING, source.substring(start, pos), value.toString(), start + 1);
            }
            if (c == '\\') {
                if (pos + 1 >= source.length()) {
                    break;
                }
                char escaped = source.charAt(pos + 1);
                switch (escaped) {
                    case '"', '\'', '\\' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw error(pos + 1, "unknown escape '\\" + escaped
                            + "' in string; the escapes are \\\" \\' \\\\ \\n \\t");
                }
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        throw error(source.length() + 1,
                "string opened at " + where(start + 1) + " is never closed; expected a closing " + quote);
    }

    private boolean lookingAt(int index, char c) {
        return index < source.length() && source.charAt(index) == c;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c) || c == '.' || c == '-';
    }

    private static String describeChar(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
            return hex;
        }
        String shown = "'" + Character.toString(codePoint) + "'";
        return codePoint < 128 ? shown : shown + " (" + hex + ")";
    }
}
