package moecl.engine;

/**
 * A run that stopped because a component threw: which component (its kind and spec name), at which round, and
 * why. A sweep records it as a failed run and lets the other runs finish.
 */
public final class RunFailedException extends RuntimeException {

    private final String component;
    private final int round;

    /**
     * @param component the failing part, e.g. {@code router paper} or {@code expert minnorm}
     * @param round     the round (1-based) during which it failed, 0 while the components were being built
     */
    public RunFailedException(String component, int round, Throwable cause) {
        super(component + " failed " + (round == 0 ? "while being built" : "at round " + round) + ": "
                + describe(cause), cause);
        this.component = component;
        this.round = round;
    }

    public String component() {
        return component;
    }

    public int round() {
        return round;
    }

    /**
     * The cause in one line: its message, with the class for errors whose message alone says little (a plugin's
     * NullPointerException, StackOverflowError). An error of a script plugin's guest code is its message alone: it
     * already names the guest's error ({@code TypeError: ...}), and the host class that carries it means nothing to
     * the script's author.
     */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return name;
        }
        m = m.replace('\n', ' ');
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t.getClass().getName().equals(GUEST_ERROR) ? m : name + ": " + m;
    }

    /** The class of errors thrown by script code (GraalVM polyglot), which this module does not depend on. */
    static final String GUEST_ERROR = "org.graalvm.polyglot.PolyglotException";
}
