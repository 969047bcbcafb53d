package moecl.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * How a script's errors read: the host's refusals and faults in words, GraalVM's interop messages in the script's
 * names (no Java class names), and the {@code FILE:LINE} a message starts with.
 */
final class ScriptErrors {

    private ScriptErrors() {
    }

/**
 * A host error that is not a refusal, in words: running out of heap or stack is the script's doing and says what
 * to do; anything else is a fault of moecl's host code and keeps its class, for a bug report.
 */
static String hostError(Throwable h) {
    if (h instanceof OutOfMemoryError) {
        return "out of memory: the heap (" + moecl.plugin.Sizes.human(Runtime.getRuntime().maxMemory())
                + ") is full; use smaller sizes or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)";
    }
    if (h instanceof StackOverflowError) {
        return "stack overflow: calls nested too deep";
    }
    if (h instanceof NullPointerException) {
        return "a value is missing (null, None or undefined) where moecl needs one";
    }
    return h.getClass().getSimpleName() + ": " + h.getMessage();
}

/** The host classes a script meets, by the names the script knows them by. */
private static final Map<String, String> GUEST_NAMES = Map.of(
        "moecl.script.MoeclApi", "moecl",
        "moecl.script.Linalg", "moecl.linalg",
        "moecl.script.Mat", "a moecl.linalg matrix",
        "moecl.script.TaskView", "a task",
        "moecl.script.RandomView", "a random stream",
        "moecl.script.GuestMap", "a record");

private static final java.util.regex.Pattern UNKNOWN_MEMBER = java.util.regex.Pattern.compile(
        "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Unknown identifier: \\w+");
private static final java.util.regex.Pattern ARITY = java.util.regex.Pattern.compile(
        "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Arity error - expected: ([^ ]+) actual: (\\d+)");
private static final java.util.regex.Pattern CONVERT = java.util.regex.Pattern.compile(
        "invokeMember \\((\\w+)\\) on (\\S+) failed due to: Cannot convert '([^']*)'\\(language: [^,]+, type: "
                + "[^)]+\\) to Java type '([^']+)'[^.]*\\.?");
private static final java.util.regex.Pattern JAVA_CLASS = java.util.regex.Pattern.compile(
        "\\b(?:moecl|org\\.graalvm|org\\.ojalgo)(?:\\.[a-z][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_$]*");

/**
 * The sandbox's refusals that reach a script as GraalVM's internal errors, in words and without Java class names:
 * {@code com.oracle.graal.python.runtime.PosixSupportLibrary$UnsupportedPosixFeatureException: socket was
 * excluded} (Python's {@code socket}) reads {@code moecl sandbox: scripts may not open network sockets}; {@code
 * java.lang.IllegalStateException: Creating threads is not allowed.} reads {@code moecl sandbox: scripts may not
 * create threads}; a {@code java.lang.SecurityException: moecl sandbox: ...} loses its class name. Other messages
 * are returned as they are.
 */
static String sandboxWords(String msg) {
    if (msg == null) {
        return null;
    }
    java.util.regex.Matcher m = EXCLUDED.matcher(msg);
    if (m.find()) {
        String what = m.group(1);
        return "moecl sandbox: scripts may not " + (what.equals("socket") ? "open network sockets"
                : "use the operating system's " + what) + msg.substring(m.end());
    }
    m = NO_THREADS.matcher(msg);
    if (m.find()) {
        return "moecl sandbox: scripts may not create threads" + msg.substring(m.end());
    }
    return SECURITY.matcher(msg).replaceAll("$1");
}

private static final java.util.regex.Pattern EXCLUDED = java.util.regex.Pattern.compile(
        "(?:[\\w$]+\\.)+[\\w$]*UnsupportedPosixFeatureException: (\\w+) was excluded");
private static final java.util.regex.Pattern NO_THREADS = java.util.regex.Pattern.compile(
        "(?:java\\.lang\\.)?IllegalStateException: Creating threads is not allowed\\.?");
private static final java.util.regex.Pattern SECURITY = java.util.regex.Pattern.compile(
        "(?:java\\.lang\\.)?SecurityException: (moecl sandbox: )");

/**
 * A guest error's message without moecl's (and GraalVM's, ojAlgo's) class names: GraalVM's interop errors name
 * the Java class behind a host object ({@code invokeMember (times) on moecl.script.Mat failed due to:
 * Unknown identifier: times}); the script knows it as {@code moecl.linalg}, a matrix, a task. Java classes the
 * script named itself ({@code Java.type('java.lang.Runtime')}) stay.
 */
static String guestNames(String msg) {
    msg = OVERLOAD.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(overloads(r.group(2),
            r.group(1), r.group(3), r.group(4))));
    java.util.regex.Matcher u = UNKNOWN_MEMBER.matcher(msg);
    msg = u.replaceAll(r -> java.util.regex.Matcher.quoteReplacement(guestName(r.group(2)) + " has no member '"
            + r.group(1) + "'"));
    msg = ARITY.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(method(r.group(2),
            r.group(1)) + " takes " + r.group(3) + " argument" + (r.group(3).equals("1") ? "" : "s") + ", got "
            + r.group(4)));
    msg = CONVERT.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(method(r.group(2),
            r.group(1)) + ": " + r.group(3) + " is not " + javaType(r.group(4))));
    return JAVA_CLASS.matcher(msg).replaceAll(r -> java.util.regex.Matcher.quoteReplacement(guestName(r.group())));
}

private static final java.util.regex.Pattern OVERLOAD = java.util.regex.Pattern.compile(
        "invokeMember \\((\\w+)\\) on (\\S+) failed due to: no applicable overload found \\(overloads: \\[(.*)\\], "
                + "arguments: \\[(.*)\\]\\)");
private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
        "\\.(\\w+)\\(([^)]*)\\)\\]");

/**
 * GraalVM's refusal of an overloaded method's arguments, in the script's words: {@code moecl.linalg.zeros(1.5,
 * 2): no form takes these arguments; allowed: zeros(integer), zeros(integer, integer)}. The forms are listed
 * fewest parameters first (GraalVM lists them in the JVM's reflection order, which varies between runs).
 */
private static String overloads(String className, String member, String forms, String args) {
    List<String> allowed = new ArrayList<>();
    java.util.regex.Matcher f = FORM.matcher(forms);
    while (f.find()) {
        List<String> types = new ArrayList<>();
        for (String t : f.group(2).split(",")) {
            if (!t.isBlank()) {
                types.add(switch (t.strip()) {
                    case "int", "long", "short", "byte" -> "integer";
                    case "double", "float" -> "number";
                    case "boolean" -> "true/false";
                    case "java.lang.String" -> "string";
                    case "org.graalvm.polyglot.Value[]" -> "values...";
                    default -> "value";
                });
            }
        }
        allowed.add(f.group(1) + "(" + String.join(", ", types) + ")");
    }
    allowed.sort(java.util.Comparator.comparingInt((String a) -> a.split(",").length)
            .thenComparing(java.util.Comparator.naturalOrder()));
    String given = args.replaceAll(" \\([A-Za-z.$]+\\)", "");
    return method(className, member) + "(" + given + "): no form takes these arguments; allowed: "
            + String.join(", ", allowed);
}

/** {@code moecl.linalg.zeros}, or {@code multiply of a moecl.linalg matrix}. */
private static String method(String className, String member) {
    String owner = guestName(className);
    return owner.startsWith("moecl") ? owner + "." + member : member + " of " + owner;
}

/** What a Java parameter type asks of a script's value. */
private static String javaType(String type) {
    return switch (type) {
        case "int", "long", "short", "byte", "java.lang.Integer", "java.lang.Long" -> "an integer (of the "
                + "right size)";
        case "double", "float", "java.lang.Double", "java.lang.Float" -> "a number";
        case "boolean", "java.lang.Boolean" -> "true or false";
        case "java.lang.String" -> "a string";
        default -> "a value of the kind it needs";
    };
}

private static String guestName(String className) {
    String known = GUEST_NAMES.get(className);
    if (known != null) {
        return known;
    }
    if (className.equals("org.graalvm.polyglot.Value")) {
        return "a value";
    }
    return className.startsWith("moecl.") ? "a moecl object" : "a host object";
}

/**
 * {@code FILE:LINE} of the innermost frame in the script: from the Python traceback (GraalPy's polyglot frames
 * only know the enclosing function), else from the innermost guest frame with a one-line location; else the
 * source name alone.
 */
static String location(PolyglotException e, String sourceName) {
    int line = pythonLine(e, sourceName);
    if (line > 0) {
        return sourceName + ":" + line;
    }
    SourceSection s = e.getSourceLocation();
    if (s == null || !s.isAvailable()) {
        s = null;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().isAvailable()) {
                s = f.getSourceLocation();
                break;
            }
        }
    }
    if (s == null || "python".equals(s.getSource().getLanguage()) && s.getStartLine() != s.getEndLine()) {
        return sourceName;
    }
    return s.getSource().getName() + ":" + s.getStartLine();
}

private static int pythonLine(PolyglotException e, String sourceName) {
    try {
        Value exc = e.getGuestObject();
        if (exc == null || exc.isNull() || !exc.hasMember("__traceback__")) {
            return -1;
        }
        int line = -1;
        for (Value tb = exc.getMember("__traceback__"); tb != null && !tb.isNull(); tb = tb.getMember("tb_next")) {
            Value file = tb.getMember("tb_frame").getMember("f_code").getMember("co_filename");
            if (file != null && file.isString() && file.asString().equals(sourceName)) {
                line = tb.getMember("tb_lineno").asInt();
            }
        }
        return line;
    } catch (RuntimeException ignored) {
        return -1; // not a Python exception, or the context is gone
    }
}
}
