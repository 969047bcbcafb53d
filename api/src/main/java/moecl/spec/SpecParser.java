package moecl.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import moecl.spec.Lexer.Token;
import moecl.spec.Lexer.Type;
import moecl.spec.SpecValue.Bool;
import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.spec.SpecValue.Str;

/**
 * Reads the spec language, the one text syntax used for components on the command line, in the REPL, in scripts
 * and in files:
 *
 * <pre>
 * paper(eta=0.5, lambda=0.3, stop=threshold(gamma=0.318, minRounds=95))
 * </pre>
 *
 * <h2>Grammar</h2>
 * <pre>
 * value       = number | number ".." number | string | "true" | "false" | list | component
 * component   = name [ "(" [ argument { "," argument } ] ")" ]
 * argument    = name "=" value
 * list        = "[" [ value { "," value } ] "]"
 * assignments = argument { [ "," ] argument }           (for the REPL: set M=5 router=paper(eta=0.5))
 * </pre>
 * Names are {@code [A-Za-z_][A-Za-z0-9_.-]*}; numbers, strings and whitespace are described in {@link Lexer}.
 * A bare name used as a value is a component with no arguments ({@code stop=never}). Arguments are always named:
 * there are no positional arguments, and a parameter may be given only once. The two bounds of a range are
 * integers, inclusive, and the first may not exceed the second. There are no expressions.
 *
 * <h2>Why a hand-written parser</h2>
 * The grammar is tiny (one production per kind of value, each chosen by its first token), so a recursive-descent
 * parser over a small tokenizer is a few hundred lines, needs no generated code or library, and, most importantly,
 * knows at every point exactly what it was reading and what it expected. That is what lets each error say, in the
 * user's words, what is wrong and where: {@code expected ')' or ',' after argument 'eta' but found '='}, or which
 * bracket was left open and at what column. Every error is a {@link SpecException} with the column; the first
 * (leftmost) problem is the one reported.
 */
public final class SpecParser {

    private final Lexer lexer;
    /** How deeply lists and components are nested at the current token. */
    private int depth;
    /** Deeper specs are refused: no real spec comes near, and recursion must not exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private SpecParser(String text) {
        this.lexer = new Lexer(Objects.requireNonNull(text, "text"));
    }

    /**
     * Parses one value of any kind.
     *
     * @throws SpecException if the text is not exactly one well-formed value
     */
    public static SpecValue parseValue(String text) {
        SpecParser parser = new SpecParser(text);
        parser.rejectEmpty("expected a value");
        SpecValue value = parser.value("expected a value");
        parser.expectEnd();
        return value;
    }

    /**
     * Parses one component: {@code name}, {@code name()} or {@code name(key=value, ...)}.
     *
     * @throws SpecException if the text is not exactly one well-formed component
     */
    public static Component parseComponent(String text) {
        SpecParser parser = new SpecParser(text);
        parser.rejectEmpty("expected a component such as name or name(key=value, ...)");
        SpecValue value = parser.value("expected a component");
        if (!(value instanceof Component component)) {
            throw parser.lexer.error(value.column(),
                    "expected a component but found " + value.kind() + " '" + Echo.of(value.toSpecText()) + "'");
        }
        parser.expectEnd();
        return component;
    }

    /**
     * Parses {@code key=value} assignments separated by whitespace, commas or both, as in
     * {@code M=5 router=paper(eta=0.5)} or {@code M=5, T=2000}. Keys are names, so dotted paths such as
     * {@code stop.gamma=0.3} are allowed; what they mean is up to the caller.
     *
     * @return the assignments in written order; the entries are immutable
     * @throws SpecException if the text is empty, malformed or gives a key twice
     */
    public static List<Map.Entry<String, SpecValue>> parseAssignments(String text) {
        SpecParser parser = new SpecParser(text);
        parser.rejectEmpty("expected key=value");
        List<Map.Entry<String, SpecValue>> assignments = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Token key = parser.lexer.peek();
        if (key.type() != Type.NAME) {
            throw parser.lexer.error(key.column(), "expected key=value but found " + key.describe());
        }
        while (true) {
            Map.Entry<String, SpecValue> assignment = parser.argument(seen);
            assignments.add(assignment);
            Token next = parser.lexer.peek();
            if (next.type() == Type.END) {
                return List.copyOf(assignments);
            }
            if (next.type() == Type.COMMA) {
                parser.lexer.next();
                Token afterComma = parser.lexer.peek();
                if (afterComma.type() != Type.NAME) {
                    throw parser.lexer.error(afterComma.column(),
                            "expected key=value after ',' but found " + afterComma.describe());
                }
            } else if (next.type() == Type.EQUALS && assignment.getValue() instanceof Component c
                    && c.args().isEmpty()) {
                // "M= N=2": the name read as M's value is really the next key
                throw parser.lexer.error(c.column(), "missing value for '" + assignment.getKey()
                        + "': expected a value after '=' but found '" + c.name() + "'");
            } else if (next.type() != Type.NAME) {
                throw parser.lexer.error(next.column(), "expected ',' or another key=value after the value of '"
                        + assignment.getKey() + "' but found " + next.describe());
            }
        }
    }

    /**
     * Whether {@code text} is a name: {@code [A-Za-z_][A-Za-z0-9_.-]*}. Component names and parameter names are
     * names.
     */
    public static boolean isName(String text) {
        if (text.isEmpty() || !Lexer.isNameStart(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!Lexer.isNamePart(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- productions --------------------------------------------------------------------------------------------

    private void rejectEmpty(String expected) {
        if (lexer.peek().type() == Type.END) {
            throw lexer.error(1, "empty input; " + expected);
        }
    }

    private void expectEnd() {
        Token token = lexer.peek();
        switch (token.type()) {
            case END -> { }
            case RPAREN, RBRACKET -> throw lexer.error(token.column(), "unmatched " + token.describe());
            default -> throw lexer.error(token.column(),
                    "expected end of input after the value but found " + token.describe());
        }
    }

    /**
     * One value.
     *
     * @param missing the error text, without "but found ...", for when no value starts here
     */
    private SpecValue value(String missing) {
        Token token = lexer.peek();
        if (depth >= MAX_DEPTH) {
            throw lexer.error(token.column(), "nested more than " + MAX_DEPTH + " levels deep; allowed: "
                    + MAX_DEPTH);
        }
        depth++;
        try {
            return switch (token.type()) {
                case NUMBER -> numberOrRange();
                case STRING -> {
                    lexer.next();
                    yield new Str(token.value(), token.column());
                }
                case LBRACKET -> list();
                case NAME -> nameValue();
                default -> throw lexer.error(token.column(), missing + " but found " + token.describe());
            };
        } finally {
            depth--;
        }
    }

    private SpecValue numberOrRange() {
        Token from = lexer.next();
        if (lexer.peek().type() != Type.DOTDOT) {
            return number(from);
        }
        lexer.next();
        Token to = lexer.peek();
        if (to.type() != Type.NUMBER) {
            throw lexer.error(to.column(), "expected an integer after '..' but found " + to.describe());
        }
        lexer.next();
        long low = rangeBound(from);
        long high = rangeBound(to);
        if (low > high) {
            throw lexer.error(from.column(), "empty range '" + from.text() + ".." + to.text()
                    + "': the start must not be greater than the end");
        }
        return new Range(low, high, from.column());
    }

    private long rangeBound(Token bound) {
        Num num = number(bound);
        if (!num.integral()) {
            throw lexer.error(bound.column(), "range bounds must be integers but found '" + bound.text() + "'");
        }
        try {
            return Long.parseLong(bound.text());
        } catch (NumberFormatException e) {
            throw lexer.error(bound.column(), "range bound '" + bound.text() + "' is too large");
        }
    }

    private Num number(Token token) {
        double value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw lexer.error(token.column(), "number '" + token.text() + "' is too large");
        }
        boolean integral = token.text().chars().allMatch(c -> c == '-' || Lexer.isDigit((char) c));
        return new Num(value, token.text(), integral, token.column());
    }

    private SpecValue nameValue() {
        Token name = lexer.next();
        boolean isTrue = name.text().equals("true");
        if (isTrue || name.text().equals("false")) {
            if (lexer.peek().type() == Type.LPAREN) {
                throw lexer.error(lexer.peek().column(),
                        "'" + name.text() + "' is a boolean and cannot take arguments");
            }
            return new Bool(isTrue, name.column());
        }
        if (lexer.peek().type() != Type.LPAREN) {
            return new Component(name.text(), new LinkedHashMap<>(), name.column());
        }
        Token open = lexer.next();
        LinkedHashMap<String, SpecValue> args = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Token token = lexer.peek();
        if (token.type() == Type.RPAREN) {
            lexer.next();
            return new Component(name.text(), args, name.column());
        }
        requireParameterName(token, open, "after '('", "expected parameter name or ')' after '('");
        while (true) {
            Map.Entry<String, SpecValue> arg = argument(seen);
            args.put(arg.getKey(), arg.getValue());
            token = lexer.next();
            switch (token.type()) {
                case RPAREN -> {
                    return new Component(name.text(), args, name.column());
                }
                case COMMA -> requireParameterName(lexer.peek(), open, "after ','",
                        "expected parameter name after ','");
                case END -> throw lexer.error(token.column(), "'(' opened at " + lexer.where(open.column())
                        + " is never closed; expected ')' or ',' after argument '" + arg.getKey() + "'");
                default -> throw lexer.error(token.column(), "expected ')' or ',' after argument '"
                        + arg.getKey() + "' but found " + token.describe());
            }
        }
    }

    /** Checks that an argument starts at {@code token}, explaining positional arguments and unclosed '('. */
    private void requireParameterName(Token token, Token open, String where, String expected) {
        switch (token.type()) {
            case NAME -> { }
            case NUMBER, STRING, LBRACKET -> throw lexer.error(token.column(), "expected parameter name before "
                    + token.describe() + "; arguments are written name=value, there are no positional arguments");
            case END -> throw lexer.error(token.column(), "'(' opened at " + lexer.where(open.column())
                    + " is never closed; expected parameter name " + where);
            default -> throw lexer.error(token.column(), expected + " but found " + token.describe());
        }
    }

    /** {@code name = value}, with the name at the current token (checked by the caller). */
    private Map.Entry<String, SpecValue> argument(Map<String, Integer> seen) {
        Token key = lexer.next();
        Token equals = lexer.peek();
        if (equals.type() != Type.EQUALS) {
            if (key.text().equals("true") || key.text().equals("false")) {
                throw lexer.error(key.column(), "expected parameter name before " + key.describe()
                        + "; arguments are written name=value, there are no positional arguments");
            }
            throw lexer.error(equals.column(), "expected '=' after parameter name " + key.describe()
                    + " but found " + equals.describe());
        }
        lexer.next();
        Integer first = seen.putIfAbsent(key.text(), key.column());
        if (first != null) {
            throw lexer.error(key.column(),
                    "duplicate parameter '" + key.text() + "' (already given at " + lexer.where(first) + ")");
        }
        SpecValue value = value("missing value for '" + key.text() + "': expected a value after '='");
        return Map.entry(key.text(), value);
    }

    private ListValue list() {
        Token open = lexer.next();
        List<SpecValue> items = new ArrayList<>();
        Token token = lexer.peek();
        if (token.type() == Type.RBRACKET) {
            lexer.next();
            return new ListValue(items, open.column());
        }
        requireItem(token, open, "expected a value or ']' after '['");
        while (true) {
            items.add(value("expected a value"));
            token = lexer.next();
            switch (token.type()) {
                case RBRACKET -> {
                    return new ListValue(items, open.column());
                }
                case COMMA -> requireItem(lexer.peek(), open, "expected a value after ','");
                case END -> throw lexer.error(token.column(), "'[' opened at " + lexer.where(open.column())
                        + " is never closed; expected ']' or ',' after list item " + items.size());
                default -> throw lexer.error(token.column(), "expected ']' or ',' after list item "
                        + items.size() + " but found " + token.describe());
            }
        }
    }

    /** Checks that a list item can start at {@code token}, explaining an unclosed '['. */
    private void requireItem(Token token, Token open, String expected) {
        switch (token.type()) {
            case NUMBER, STRING, LBRACKET, NAME -> { }
            case END -> throw lexer.error(token.column(), "'[' opened at " + lexer.where(open.column())
                    + " is never closed; " + expected);
            default -> throw lexer.error(token.column(), expected + " but found " + token.describe());
        }
    }
}
